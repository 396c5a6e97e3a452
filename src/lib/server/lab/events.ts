import { and, eq } from 'drizzle-orm';
import type { HandView } from '../../protocol/lab';
import type { Ctx } from '../context';
import { caseMembers } from '../db/schema';
import type { LabEvent } from './command';
import type { SessionRow } from './open-session';
import {
	viewHandQueue,
	viewObservations,
	viewParticipants,
	viewProposals,
	viewSession
} from './views';

/** The events commands return, built from what is stored inside the command's transaction. */

export async function sessionEvent(tx: Ctx, session: SessionRow): Promise<LabEvent> {
	return {
		name: 'lab:session',
		payload: await viewSession(tx, session),
		audience: { sessionId: session.id }
	};
}

export async function presenceEvent(tx: Ctx, session: SessionRow): Promise<LabEvent> {
	return {
		name: 'lab:presence',
		payload: {
			sessionId: session.id,
			revision: session.revision,
			participants: await viewParticipants(tx, session)
		},
		audience: { sessionId: session.id }
	};
}

export async function handsEvent(
	tx: Ctx,
	session: SessionRow,
	taken: HandView | null = null
): Promise<LabEvent> {
	return {
		name: 'lab:hands',
		payload: {
			sessionId: session.id,
			revision: session.revision,
			queue: await viewHandQueue(tx, session.id),
			taken
		},
		audience: { sessionId: session.id }
	};
}

export async function observationEvent(
	tx: Ctx,
	session: SessionRow,
	observationId: string
): Promise<LabEvent> {
	const [observation] = await viewObservations(tx, session.id, observationId);
	return {
		name: 'lab:observation',
		payload: { sessionId: session.id, revision: session.revision, observation },
		audience: { sessionId: session.id }
	};
}

/** Who may see every proposal: the session's facilitator and scribe, and the case's owners. */
export async function proposalReaders(tx: Ctx, session: SessionRow): Promise<string[]> {
	const owners = await tx.db
		.select({ userId: caseMembers.userId })
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, session.caseId), eq(caseMembers.role, 'owner')));
	const ids = [session.facilitatorId, session.scribeId, ...owners.map((o) => o.userId)];
	return ids.filter((id): id is string => !!id);
}

/** A proposal goes to its proposer and to those who may resolve it, not to the whole room. */
export async function proposalEvent(
	tx: Ctx,
	session: SessionRow,
	proposalId: string
): Promise<LabEvent> {
	const [proposal] = await viewProposals(tx, session.id, { id: proposalId });
	const userIds = [
		...new Set([proposal.proposedBy.userId, ...(await proposalReaders(tx, session))])
	];
	return {
		name: 'lab:proposal',
		payload: { sessionId: session.id, revision: session.revision, proposal },
		audience: { sessionId: session.id, userIds }
	};
}
