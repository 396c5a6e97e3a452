import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { joinSchema } from '../../schemas/invites';
import { recordAudit } from '../audit';
import { hashToken } from '../auth';
import { inTransaction } from '../cases';
import type { Ctx, GuestActor } from '../context';
import { guests, invites, labSessions, users } from '../db/schema';
import { CapabilityError } from '../errors';
import { parseOrThrow } from './parse';
import { generateGuestToken, looksLikeInviteToken } from './tokens';

/**
 * One answer for every link that does not let anyone in (unknown, expired, used up, withdrawn,
 * its session over), so that the page reveals nothing about the case behind it.
 */
export const unusableLink = () => new CapabilityError('not_found', 'invite_error_unusable');

/** The conditions under which a link still lets someone in, at `now`. */
function usable(now: Date) {
	const sessionNotEnded = or(
		isNull(invites.sessionId),
		sql`not exists (select 1 from ${labSessions} where ${labSessions.id} = ${invites.sessionId} and ${labSessions.status} = 'ended')`
	);
	return and(
		isNull(invites.revokedAt),
		gt(invites.expiresAt, now),
		lt(invites.uses, invites.maxUses),
		sessionNotEnded
	);
}

export type InvitePreview = {
	label: string;
	/** The session the link is for, when it is for one; its title is what the guest comes to. */
	session: { title: string; scheduledAt: Date } | null;
};

/** What the join page shows about a usable link before anyone joins; unusableLink otherwise. */
export async function previewInvite(ctx: Ctx, token: string): Promise<InvitePreview> {
	if (!looksLikeInviteToken(token)) throw unusableLink();
	const [row] = await ctx.db
		.select({
			label: invites.label,
			sessionTitle: labSessions.title,
			scheduledAt: labSessions.scheduledAt
		})
		.from(invites)
		.leftJoin(labSessions, eq(labSessions.id, invites.sessionId))
		.where(and(eq(invites.tokenHash, hashToken(token)), usable(ctx.clock())));
	if (!row) throw unusableLink();
	return {
		label: row.label,
		session:
			row.sessionTitle && row.scheduledAt
				? { title: row.sessionTitle, scheduledAt: row.scheduledAt }
				: null
	};
}

export type Redemption = {
	/** For the guest cookie; only its hash is stored. */
	guestToken: string;
	/** The cookie expires with the invite. */
	expiresAt: Date;
	status: 'waiting' | 'admitted';
	actor: GuestActor;
};

/**
 * Spends one use of a link and makes the guest. The use is taken by one conditional UPDATE, so
 * two people redeeming the last use at once cannot both get in: the second finds it spent.
 */
export async function redeemInvite(ctx: Ctx, token: string, input: unknown): Promise<Redemption> {
	const data = parseOrThrow(joinSchema, input);
	if (!looksLikeInviteToken(token)) throw unusableLink();
	const redemption = await inTransaction(ctx, async (tx) => {
		const now = tx.clock();
		const [invite] = await tx.db
			.update(invites)
			.set({ uses: sql`${invites.uses} + 1` })
			.where(and(eq(invites.tokenHash, hashToken(token)), usable(now)))
			.returning();
		if (!invite) return null;
		const status = invite.admitAtOnce ? 'admitted' : 'waiting';
		const [user] = await tx.db
			.insert(users)
			.values({ kind: 'guest', name: data.name, createdAt: now })
			.returning({ id: users.id });
		const guestToken = generateGuestToken();
		await tx.db.insert(guests).values({
			userId: user.id,
			inviteId: invite.id,
			caseId: invite.caseId,
			sessionId: invite.sessionId,
			organisation: data.organisation,
			tokenHash: hashToken(guestToken),
			status,
			joinedAt: now,
			admittedAt: status === 'admitted' ? now : null
		});
		const actor: GuestActor = {
			kind: 'guest',
			id: user.id,
			name: data.name,
			role: 'guest',
			organisationId: null,
			organisationName: data.organisation,
			guest: { inviteId: invite.id, caseId: invite.caseId, sessionId: invite.sessionId, status }
		};
		await recordAudit(
			{ ...tx, actor },
			{
				action: 'invite.redeem',
				outcome: 'success',
				caseId: invite.caseId,
				actorRole: invite.role,
				detail: { inviteId: invite.id, label: invite.label, status }
			}
		);
		tx.lobbyChanged?.(invite.caseId);
		return { guestToken, expiresAt: invite.expiresAt, status, actor } satisfies Redemption;
	});
	if (!redemption) {
		await recordAudit(ctx, { action: 'invite.redeem', outcome: 'not_found' });
		throw unusableLink();
	}
	return redemption;
}
