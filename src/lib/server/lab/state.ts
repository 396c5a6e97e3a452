import { asc, eq } from 'drizzle-orm';
import type { SessionStatus } from '../../protocol/lab';
import { auditCase, listRights, openCase, type CaseRights } from '../cases';
import type { Ctx } from '../context';
import { notFound } from '../errors';
import { journeyRecords, labSessions } from '../db/schema';
import { listCategories, type Category } from './categories';
import { openSession, sessionRolesOf } from './open-session';
import {
	viewHandQueue,
	viewObservations,
	viewParticipants,
	viewProposals,
	viewSession
} from './views';

/**
 * Everything a client needs to render a session at once: after a reconnect or a server restart
 * it reloads this and carries on (the timer from its stored times). Proposals: those who may
 * resolve or record see all; anyone else their own.
 */
export async function getSessionState(
	ctx: Ctx,
	sessionId: string,
	/** Only a session of this case: any other is not found, and nothing of it is read. */
	{ caseId }: { caseId?: string } = {}
) {
	const { opened, session } = await openSession(ctx, sessionId, 'read', 'lab.state.read');
	if (caseId && session.caseId !== caseId) throw notFound();
	const rights: CaseRights = listRights(ctx.actor, {
		role: opened.role,
		sessionRoles: sessionRolesOf(session, ctx.actor?.id)
	});
	const seesAllProposals = rights.runSession || rights.recordObservation;
	const [view, participants, hands, observations, proposals, categories, record] =
		await Promise.all([
			viewSession(ctx, session),
			viewParticipants(ctx, session),
			viewHandQueue(ctx, session.id),
			viewObservations(ctx, session.id),
			viewProposals(ctx, session.id, seesAllProposals ? {} : { proposedById: ctx.actor!.id }),
			listCategories(ctx),
			ctx.db
				.select({ id: journeyRecords.id })
				.from(journeyRecords)
				.where(eq(journeyRecords.sessionId, session.id))
		]);
	await auditCase(ctx, opened, 'lab.state.read', { sessionId: session.id });
	return {
		session: view,
		participants,
		hands,
		observations,
		proposals,
		categories: categories as Category[],
		/** The actor's rights in this session, for showing or hiding controls. */
		rights,
		role: opened.role,
		recordId: record[0]?.id ?? null
	};
}

export type SessionState = Awaited<ReturnType<typeof getSessionState>>;

export type SessionSummary = {
	id: string;
	title: string;
	status: SessionStatus;
	scheduledAt: Date;
	startedAt: Date | null;
	endedAt: Date | null;
	/** The journey record the session left, once ended. */
	recordId: string | null;
};

/** A case's sessions, earliest first, for the case page. */
export async function listSessions(ctx: Ctx, caseId: string): Promise<SessionSummary[]> {
	const opened = await openCase(ctx, caseId, 'readHistory', 'lab.session.list');
	const rows = await ctx.db
		.select({
			id: labSessions.id,
			title: labSessions.title,
			status: labSessions.status,
			scheduledAt: labSessions.scheduledAt,
			startedAt: labSessions.startedAt,
			endedAt: labSessions.endedAt,
			recordId: journeyRecords.id
		})
		.from(labSessions)
		.leftJoin(journeyRecords, eq(journeyRecords.sessionId, labSessions.id))
		.where(eq(labSessions.caseId, opened.record.id))
		.orderBy(asc(labSessions.scheduledAt), asc(labSessions.createdAt));
	await auditCase(ctx, opened, 'lab.session.list');
	return rows;
}
