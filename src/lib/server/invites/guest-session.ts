import { and, eq, gt, inArray, isNull, ne, or } from 'drizzle-orm';
import { accessEnded } from '../../protocol/access';
import { recordAudit } from '../audit';
import { hashToken } from '../auth';
import type { Ctx, GuestActor } from '../context';
import { guests, invites, labSessions, users } from '../db/schema';
import { isGuestToken } from './tokens';

export type ValidatedGuest = {
	actor: GuestActor;
	/** The invite's end: the guest's access ends then at the latest. */
	expiresAt: Date;
	/** Guests have no idle limit: the same as `expiresAt`. */
	idleExpiresAt: Date;
	/** Case role the invite gives. */
	role: 'participant' | 'observer';
};

/**
 * The guest behind a guest cookie, or null when their access has ended: turned away, removed,
 * the link withdrawn or expired, or the session their link was for over.
 */
export async function validateGuest(ctx: Ctx, token: string): Promise<ValidatedGuest | null> {
	if (!isGuestToken(token)) return null;
	const now = ctx.clock();
	const [row] = await ctx.db
		.select({
			id: users.id,
			name: users.name,
			organisation: guests.organisation,
			status: guests.status,
			caseId: guests.caseId,
			sessionId: guests.sessionId,
			inviteId: guests.inviteId,
			role: invites.role,
			expiresAt: invites.expiresAt
		})
		.from(guests)
		.innerJoin(users, eq(users.id, guests.userId))
		.innerJoin(invites, eq(invites.id, guests.inviteId))
		.leftJoin(labSessions, eq(labSessions.id, guests.sessionId))
		.where(
			and(
				eq(guests.tokenHash, hashToken(token)),
				inArray(guests.status, ['waiting', 'admitted']),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now),
				or(isNull(guests.sessionId), ne(labSessions.status, 'ended'))
			)
		);
	if (!row || (row.status !== 'waiting' && row.status !== 'admitted')) return null;
	return {
		actor: {
			kind: 'guest',
			id: row.id,
			name: row.name,
			role: 'guest',
			organisationId: null,
			organisationName: row.organisation,
			guest: {
				inviteId: row.inviteId,
				caseId: row.caseId,
				sessionId: row.sessionId,
				status: row.status
			}
		},
		expiresAt: row.expiresAt,
		idleExpiresAt: row.expiresAt,
		role: row.role
	};
}

/** The guest leaves of their own accord: their access ends here and on their other tabs. */
export async function leaveAsGuest(ctx: Ctx): Promise<void> {
	const actor = ctx.actor;
	if (actor?.kind !== 'guest') return;
	await ctx.db
		.update(guests)
		.set({ status: 'ended', endedAt: ctx.clock() })
		.where(and(eq(guests.userId, actor.id), inArray(guests.status, ['waiting', 'admitted'])));
	ctx.revoke({ userId: actor.id, reason: accessEnded.loggedOut });
	ctx.lobbyChanged?.(actor.guest.caseId);
	await recordAudit(ctx, {
		action: 'invite.guest.leave',
		outcome: 'success',
		caseId: actor.guest.caseId
	});
}
