import { and, eq, inArray, isNull } from 'drizzle-orm';
import { accessEnded, type AccessEndedReason } from '../../protocol/access';
import { auditCase, inTransaction } from '../cases';
import type { Ctx } from '../context';
import { guests, invites } from '../db/schema';
import { conflict } from '../errors';
import { openGuest, openInvite } from './authorise';

const stillIn = inArray(guests.status, ['waiting', 'admitted']);

/** Ends the access of the given guests' live connections (on commit, inside a transaction). */
function revokeGuests(ctx: Ctx, guestIds: string[], reason: AccessEndedReason) {
	for (const userId of guestIds) ctx.revoke({ userId, reason });
}

/** Lets a guest in from the lobby, or turns them away. */
export async function decideGuest(
	ctx: Ctx,
	guestId: string,
	decision: 'admit' | 'turnAway'
): Promise<void> {
	const action = decision === 'admit' ? 'invite.guest.admit' : 'invite.guest.turn_away';
	const { opened, guest } = await openGuest(ctx, guestId, action);
	const now = ctx.clock();
	const [decided] = await ctx.db
		.update(guests)
		.set(
			decision === 'admit'
				? { status: 'admitted', admittedAt: now, decidedBy: ctx.actor!.id }
				: { status: 'turned_away', endedAt: now, decidedBy: ctx.actor!.id }
		)
		.where(and(eq(guests.userId, guest.userId), eq(guests.status, 'waiting')))
		.returning({ id: guests.userId });
	if (!decided) throw conflict('invite_error_not_waiting');
	if (decision === 'turnAway') revokeGuests(ctx, [guest.userId], accessEnded.guestRemoved);
	ctx.lobbyChanged?.(guest.caseId);
	await auditCase(ctx, opened, action, { guestId: guest.userId, inviteId: guest.inviteId });
}

/** Takes an admitted (or waiting) guest out: their connections close, their cookie stops working. */
export async function removeGuest(ctx: Ctx, guestId: string): Promise<void> {
	const { opened, guest } = await openGuest(ctx, guestId, 'invite.guest.remove');
	const [removed] = await ctx.db
		.update(guests)
		.set({ status: 'removed', endedAt: ctx.clock(), decidedBy: ctx.actor!.id })
		.where(and(eq(guests.userId, guest.userId), stillIn))
		.returning({ id: guests.userId });
	if (!removed) throw conflict('invite_error_guest_gone');
	revokeGuests(ctx, [guest.userId], accessEnded.guestRemoved);
	ctx.lobbyChanged?.(guest.caseId);
	await auditCase(ctx, opened, 'invite.guest.remove', {
		guestId: guest.userId,
		inviteId: guest.inviteId
	});
}

/** Withdraws a link: nobody new gets in, and everyone who came through it is out at once. */
export async function revokeInvite(ctx: Ctx, inviteId: string): Promise<void> {
	const { opened, invite } = await openInvite(ctx, inviteId, 'invite.revoke');
	const ended = await inTransaction(ctx, async (tx) => {
		const now = tx.clock();
		const [revoked] = await tx.db
			.update(invites)
			.set({ revokedAt: now, revokedBy: tx.actor!.id })
			.where(and(eq(invites.id, invite.id), isNull(invites.revokedAt)))
			.returning({ id: invites.id });
		if (!revoked) throw conflict('invite_error_already_revoked');
		const out = await tx.db
			.update(guests)
			.set({ status: 'removed', endedAt: now })
			.where(and(eq(guests.inviteId, invite.id), stillIn))
			.returning({ id: guests.userId });
		revokeGuests(
			tx,
			out.map((guest) => guest.id),
			accessEnded.inviteRevoked
		);
		tx.lobbyChanged?.(invite.caseId);
		return out.length;
	});
	await auditCase(ctx, opened, 'invite.revoke', { inviteId: invite.id, guestsEnded: ended });
}

/**
 * A session ended: the guests of its links are out (guests of the case's links stay). Called by
 * the lab inside the transaction that ends the session.
 */
export async function endSessionGuests(tx: Ctx, sessionId: string): Promise<number> {
	const out = await tx.db
		.update(guests)
		.set({ status: 'ended', endedAt: tx.clock() })
		.where(and(eq(guests.sessionId, sessionId), stillIn))
		.returning({ id: guests.userId });
	revokeGuests(
		tx,
		out.map((guest) => guest.id),
		accessEnded.guestSessionEnded
	);
	return out.length;
}
