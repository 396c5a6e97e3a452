import { and, eq, ne, sql } from 'drizzle-orm';
import type { OrganisationInput } from '../../schemas/organisations';
import { recordAudit } from '../audit';
import { requireAdmin } from '../auth';
import type { Ctx } from '../context';
import { organisations } from '../db/schema';
import { conflict, isUniqueViolation, notFound } from '../errors';
import { isUuid } from './ids';

const nameTaken = () => conflict('org_error_name_taken', 'name');

/** Names are unique regardless of case: "GGZ Centraal" and "ggz centraal" are one organisation. */
async function refuseTakenName(ctx: Ctx, name: string, exceptId?: string): Promise<void> {
	const sameName = sql`lower(${organisations.name}) = lower(${name})`;
	const [taken] = await ctx.db
		.select({ id: organisations.id })
		.from(organisations)
		.where(exceptId ? and(sameName, ne(organisations.id, exceptId)) : sameName)
		.limit(1);
	if (taken) throw nameTaken();
}

export async function createOrganisation(
	ctx: Ctx,
	input: OrganisationInput
): Promise<{ id: string }> {
	requireAdmin(ctx);
	await refuseTakenName(ctx, input.name);
	try {
		return await ctx.db.transaction(async (tx) => {
			const [created] = await tx
				.insert(organisations)
				.values({ name: input.name, kind: input.kind })
				.returning({ id: organisations.id });
			await recordAudit(
				{ ...ctx, db: tx },
				{
					action: 'organisation.create',
					outcome: 'success',
					detail: { organisationId: created.id, name: input.name, kind: input.kind }
				}
			);
			return created;
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw nameTaken();
		throw error;
	}
}

/** Renames an organisation and/or changes its kind; records what changed. */
export async function updateOrganisation(
	ctx: Ctx,
	id: string,
	input: OrganisationInput
): Promise<void> {
	requireAdmin(ctx);
	if (!isUuid(id)) throw notFound();
	const [current] = await ctx.db.select().from(organisations).where(eq(organisations.id, id));
	if (!current) throw notFound();
	const changes: Record<string, { from: string; to: string }> = {};
	if (current.name !== input.name) changes.name = { from: current.name, to: input.name };
	if (current.kind !== input.kind) changes.kind = { from: current.kind, to: input.kind };
	if (Object.keys(changes).length === 0) return;
	if (changes.name) await refuseTakenName(ctx, input.name, id);
	try {
		await ctx.db.transaction(async (tx) => {
			await tx
				.update(organisations)
				.set({ name: input.name, kind: input.kind })
				.where(eq(organisations.id, id));
			await recordAudit(
				{ ...ctx, db: tx },
				{
					action: 'organisation.update',
					outcome: 'success',
					detail: { organisationId: id, changes }
				}
			);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw nameTaken();
		throw error;
	}
}
