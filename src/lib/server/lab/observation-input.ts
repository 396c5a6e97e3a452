import { and, eq } from 'drizzle-orm';
import type { LabCommand } from '../../protocol/lab';
import type { Ctx } from '../context';
import { labCategories, organisations } from '../db/schema';
import { CapabilityError } from '../errors';
import { findMember, invalidChoice } from './members';

export type ObservationInput = Omit<LabCommand<'lab:observation:record'>, 'idempotencyKey'>;

/** An observation's fields as stored, after checking what the schema cannot: the database. */
export type CheckedObservation = {
	kind: ObservationInput['kind'];
	text: string;
	categoryId: string;
	planItemId: string | null;
	organisationId: string | null;
	raisedById: string | null;
	raisedByName: string;
};

/**
 * The category must be active and of the observation's kind; the organisation must exist; who
 * raised it is a member of the case (by id), or a free name, or else the sender.
 */
export async function checkObservation(
	tx: Ctx,
	caseId: string,
	input: ObservationInput
): Promise<CheckedObservation> {
	const [category] = await tx.db
		.select({ kind: labCategories.kind })
		.from(labCategories)
		.where(and(eq(labCategories.id, input.categoryId), eq(labCategories.active, true)));
	if (!category) throw invalidChoice('categoryId');
	if (category.kind !== input.kind) {
		throw new CapabilityError('invalid', 'lab_error_category_kind', 'categoryId');
	}
	if (input.organisationId) {
		const [organisation] = await tx.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.id, input.organisationId));
		if (!organisation) throw invalidChoice('organisationId');
	}
	let raisedById: string | null = null;
	let raisedByName = input.raisedByName || tx.actor!.name;
	if (input.raisedById) {
		const member = await findMember(tx, caseId, input.raisedById);
		if (!member) throw invalidChoice('raisedById');
		raisedById = member.userId;
		raisedByName = member.name;
	} else if (!input.raisedByName) raisedById = tx.actor!.id;
	return {
		kind: input.kind,
		text: input.text,
		categoryId: input.categoryId,
		planItemId: input.planItemId,
		organisationId: input.organisationId,
		raisedById,
		raisedByName
	};
}

export function withoutKey<T extends { idempotencyKey: string }>(command: T) {
	const { idempotencyKey: _key, ...rest } = command;
	return rest;
}
