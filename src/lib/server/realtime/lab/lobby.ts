import { eq } from 'drizzle-orm';
import type { LabLobby } from '../../../protocol/lab-channel';
import type { CaseRole } from '../../../schemas/enums';
import { can } from '../../cases';
import type { Actor, Ctx } from '../../context';
import { labSessions } from '../../db/schema';
import { selectWaitingGuests, type WaitingGuest } from '../../invites';
import { sessionRolesOf, type SessionRow } from '../../lab';

/** The sockets of one session that may see its case's lobby (and only those). */
export const lobbyRoom = (caseId: string, sessionId: string) => `lobby:${caseId}:${sessionId}`;

/** The case and session of a lobby room (undefined for any other room). */
export function lobbyOfRoom(room: string): { caseId: string; sessionId: string } | undefined {
	const match = /^lobby:([^:]+):([^:]+)$/.exec(room);
	return match ? { caseId: match[1], sessionId: match[2] } : undefined;
}

type Viewer = { actor: Actor; role: CaseRole };

/** Whether someone may let guests into this session: its facilitator, the case's owners and facilitators. */
export const mayAdmit = ({ actor, role }: Viewer, session: SessionRow) =>
	can(actor, 'inviteGuests', { role, sessionRoles: sessionRolesOf(session, actor.id) });

/**
 * The lobby as one person sees it in one session: guests of the session's links, and those of
 * the case's links for whoever may manage the case's links (a session's facilitator may not).
 */
export function lobbyFor(viewer: Viewer, session: SessionRow, waiting: WaitingGuest[]): LabLobby {
	const seesCaseGuests = can(viewer.actor, 'inviteGuests', { role: viewer.role });
	return {
		caseId: session.caseId,
		guests: waiting
			.filter((guest) => guest.sessionId === session.id || (seesCaseGuests && !guest.sessionId))
			.map((guest) => ({ ...guest, joinedAt: guest.joinedAt.toISOString() }))
	};
}

export async function readSession(ctx: Ctx, sessionId: string): Promise<SessionRow | undefined> {
	const [session] = await ctx.db.select().from(labSessions).where(eq(labSessions.id, sessionId));
	return session;
}

export const readWaiting = (ctx: Ctx, session: SessionRow) =>
	selectWaitingGuests(ctx, session.caseId, session.id);
