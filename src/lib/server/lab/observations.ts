import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { labObservations, labProposals } from '../db/schema';
import { notFound } from '../errors';
import { runSessionCommand } from './command';
import { observationEvent, proposalEvent } from './events';
import { checkObservation, withoutKey, type CheckedObservation } from './observation-input';

export async function insertObservation(
	tx: Ctx,
	sessionId: string,
	fields: CheckedObservation
): Promise<string> {
	const [row] = await tx.db
		.insert(labObservations)
		.values({
			sessionId,
			...fields,
			recordedById: tx.actor!.id,
			recordedByName: tx.actor!.name,
			createdAt: tx.clock()
		})
		.returning({ id: labObservations.id });
	return row.id;
}

/** The facilitator or the scribe records a kans or belemmering directly. */
export function recordObservation(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:observation:record', input, async (tx, s, cmd) => {
		const fields = await checkObservation(tx, s.session.caseId, withoutKey(cmd));
		const id = await insertObservation(tx, s.session.id, fields);
		return {
			result: { observationId: id },
			events: [await observationEvent(tx, s.session, id)],
			detail: { observationId: id, kind: fields.kind, categoryId: fields.categoryId }
		};
	});
}

/** A participant proposes one; it waits in the facilitator's queue. */
export function proposeObservation(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:observation:propose', input, async (tx, s, cmd) => {
		const fields = await checkObservation(tx, s.session.caseId, withoutKey(cmd));
		const [row] = await tx.db
			.insert(labProposals)
			.values({
				sessionId: s.session.id,
				...fields,
				proposedById: tx.actor!.id,
				createdAt: tx.clock()
			})
			.returning({ id: labProposals.id });
		return {
			result: { proposalId: row.id },
			events: [await proposalEvent(tx, s.session, row.id)],
			detail: { proposalId: row.id, kind: fields.kind }
		};
	});
}

/** Places an observation in a cell of the 3×3 board, moves it, or takes it off (cell null). */
export function placeObservation(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:observation:place', input, async (tx, s, cmd) => {
		const placed = await tx.db
			.update(labObservations)
			.set({ boardRow: cmd.cell?.row ?? null, boardColumn: cmd.cell?.column ?? null })
			.where(
				and(eq(labObservations.id, cmd.observationId), eq(labObservations.sessionId, s.session.id))
			)
			.returning({ id: labObservations.id });
		if (!placed.length) throw notFound();
		return {
			result: { observationId: cmd.observationId, cell: cmd.cell },
			events: [await observationEvent(tx, s.session, cmd.observationId)],
			detail: { observationId: cmd.observationId, cell: cmd.cell }
		};
	});
}
