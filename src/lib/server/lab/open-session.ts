import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import {
	can,
	canEnterSession,
	isUuid,
	openCase,
	type OpenedCase,
	type SessionRole
} from '../cases';
import type { Ctx } from '../context';
import { labSessions } from '../db/schema';
import type { CaseAction } from '../cases';
import { forbidden, notFound } from '../errors';

export type SessionRow = typeof labSessions.$inferSelect;

/** A session the actor may act on in one right, with their case role and session roles. */
export type OpenedSession = { opened: OpenedCase; session: SessionRow };

export function sessionRolesOf(session: SessionRow, userId: string | undefined): SessionRole[] {
	const roles: SessionRole[] = [];
	if (userId && session.facilitatorId === userId) roles.push('sessionFacilitator');
	if (userId && session.scribeId === userId) roles.push('scribe');
	return roles;
}

/** Whether the actor holds `action` in this session, by the case policy. */
export function mayInSession(
	ctx: Ctx,
	opened: Pick<OpenedCase, 'role'>,
	session: SessionRow,
	action: CaseAction
): boolean {
	const sessionRoles = sessionRolesOf(session, ctx.actor?.id);
	return can(ctx.actor, action, { role: opened.role, sessionRoles });
}

export async function auditDenied(
	ctx: Ctx,
	opened: Pick<OpenedCase, 'role'> & { record: { id: string } },
	action: string,
	right: CaseAction
) {
	await recordAudit(ctx, {
		action,
		outcome: 'denied',
		caseId: opened.record.id,
		actorRole: opened.role,
		detail: { reason: 'role', right }
	});
}

/**
 * Loads a session and checks one right in it, auditing refusals under `auditAction`. An unknown
 * session and a session of a case the actor is not a member of both give not_found.
 */
export async function openSession(
	ctx: Ctx,
	sessionId: string,
	action: CaseAction,
	auditAction: string
): Promise<OpenedSession> {
	const [session] = isUuid(sessionId)
		? await ctx.db.select().from(labSessions).where(eq(labSessions.id, sessionId.toLowerCase()))
		: [];
	if (!session || !canEnterSession(ctx.actor, session.id)) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'not_found',
			caseId: session?.caseId,
			detail: {
				reason: session ? 'other_session' : 'session',
				sessionId: String(sessionId).slice(0, 64)
			}
		});
		throw notFound();
	}
	const opened = await openCase(ctx, session.caseId, 'read', auditAction);
	if (!mayInSession(ctx, opened, session, action)) {
		await auditDenied(ctx, opened, auditAction, action);
		throw forbidden();
	}
	return { opened, session };
}
