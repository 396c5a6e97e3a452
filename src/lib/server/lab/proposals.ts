import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context';
import { labObservations, labProposals } from '../db/schema';
import { conflict, notFound } from '../errors';
import { runSessionCommand, type LabEvent } from './command';
import { observationEvent, proposalEvent } from './events';
import { insertObservation } from './observations';
import { checkObservation } from './observation-input';

/**
 * The facilitator works through the queue: accept a proposal as an observation (optionally
 * edited), merge it into an existing observation, or decline it. The proposer sees the outcome
 * on their proposal: its status, the observation it became part of, and the note.
 */
export function resolveProposal(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:proposal:resolve', input, async (tx, s, cmd) => {
		const [proposal] = await tx.db
			.select()
			.from(labProposals)
			.where(and(eq(labProposals.id, cmd.proposalId), eq(labProposals.sessionId, s.session.id)));
		if (!proposal) throw notFound();
		if (proposal.status !== 'pending') throw conflict('lab_error_proposal_resolved', 'proposalId');

		const resolution = cmd.resolution;
		let observationId: string | null = null;
		if (resolution.as === 'accept') {
			const edits = resolution.edits ?? {};
			const fields = await checkObservation(tx, s.session.caseId, {
				kind: edits.kind ?? proposal.kind,
				text: edits.text ?? proposal.text,
				categoryId: edits.categoryId ?? proposal.categoryId,
				planItemId: edits.planItemId !== undefined ? edits.planItemId : proposal.planItemId,
				organisationId:
					edits.organisationId !== undefined ? edits.organisationId : proposal.organisationId,
				raisedById: edits.raisedById ?? proposal.raisedById,
				raisedByName: edits.raisedByName ?? (proposal.raisedById ? null : proposal.raisedByName)
			});
			observationId = await insertObservation(tx, s.session.id, fields);
		} else if (resolution.as === 'merge') {
			const [target] = await tx.db
				.select({ id: labObservations.id })
				.from(labObservations)
				.where(
					and(
						eq(labObservations.id, resolution.observationId),
						eq(labObservations.sessionId, s.session.id)
					)
				);
			if (!target) throw notFound();
			observationId = target.id;
		}
		const status = { accept: 'accepted', merge: 'merged', decline: 'declined' } as const;
		await tx.db
			.update(labProposals)
			.set({
				status: status[resolution.as],
				observationId,
				note: cmd.note || null,
				resolvedById: tx.actor!.id,
				resolvedAt: tx.clock()
			})
			.where(eq(labProposals.id, proposal.id));
		const events: LabEvent[] = [await proposalEvent(tx, s.session, proposal.id)];
		if (observationId) events.push(await observationEvent(tx, s.session, observationId));
		return {
			result: { proposalId: proposal.id, status: status[resolution.as], observationId },
			events,
			detail: { proposalId: proposal.id, resolution: resolution.as, observationId }
		};
	});
}
