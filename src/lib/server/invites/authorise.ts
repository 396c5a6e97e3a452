import { eq } from 'drizzle-orm';
import { openCase, type OpenedCase } from '../cases';
import type { Ctx } from '../context';
import { guests, invites, labSessions } from '../db/schema';
import { notFound } from '../errors';
import { isUuid } from '../cases';
import { openSession } from '../lab';

export type InviteScope = { caseId: string; sessionId: string | null };

export type OpenedScope = {
	opened: OpenedCase;
	session: typeof labSessions.$inferSelect | null;
};

/**
 * Checks that the actor may make and manage invite links for a case, or for one session of it:
 * owners and facilitators of the case, and the session's own facilitator for its links.
 */
export async function openInviteScope(
	ctx: Ctx,
	{ caseId, sessionId }: InviteScope,
	auditAction: string
): Promise<OpenedScope> {
	if (!sessionId) {
		return { opened: await openCase(ctx, caseId, 'inviteGuests', auditAction), session: null };
	}
	const { opened, session } = await openSession(ctx, sessionId, 'inviteGuests', auditAction);
	if (opened.record.id !== caseId.toLowerCase()) throw notFound();
	return { opened, session };
}

/** An invite by id, with the right to manage it checked; not found for anyone else. */
export async function openInvite(ctx: Ctx, inviteId: string, auditAction: string) {
	const [invite] = isUuid(inviteId)
		? await ctx.db.select().from(invites).where(eq(invites.id, inviteId.toLowerCase()))
		: [];
	if (!invite) throw notFound();
	const scope = await openInviteScope(ctx, invite, auditAction);
	return { ...scope, invite };
}

/** A guest by id, with the right to manage the invite they came through checked. */
export async function openGuest(ctx: Ctx, guestId: string, auditAction: string) {
	const [guest] = isUuid(guestId)
		? await ctx.db.select().from(guests).where(eq(guests.userId, guestId.toLowerCase()))
		: [];
	if (!guest) throw notFound();
	const { invite, ...scope } = await openInvite(ctx, guest.inviteId, auditAction);
	return { ...scope, invite, guest };
}
