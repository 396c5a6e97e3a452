import { and, asc, desc, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import type { GuestRole, GuestStatus } from '../../schemas/enums';
import { auditCase } from '../cases';
import type { Ctx } from '../context';
import { guests, invites, labSessions, users } from '../db/schema';
import { openInviteScope, type InviteScope } from './authorise';

export const inviteStatuses = ['active', 'used_up', 'expired', 'revoked', 'session_ended'] as const;
export type InviteStatus = (typeof inviteStatuses)[number];

export type InviteGuest = {
	id: string;
	name: string;
	organisation: string;
	status: GuestStatus;
	joinedAt: Date;
};

export type InviteSummary = {
	id: string;
	label: string;
	role: GuestRole;
	sessionId: string | null;
	sessionTitle: string | null;
	status: InviteStatus;
	uses: number;
	maxUses: number;
	admitAtOnce: boolean;
	expiresAt: Date;
	createdAt: Date;
	guests: InviteGuest[];
};

type InviteRow = Pick<
	typeof invites.$inferSelect,
	'revokedAt' | 'expiresAt' | 'uses' | 'maxUses'
> & { sessionStatus: string | null };

/** Whether a link still lets people in, and if not, why not (the first reason that holds). */
export function inviteStatus(row: InviteRow, now: Date): InviteStatus {
	if (row.revokedAt) return 'revoked';
	if (row.sessionStatus === 'ended') return 'session_ended';
	if (row.expiresAt <= now) return 'expired';
	if (row.uses >= row.maxUses) return 'used_up';
	return 'active';
}

/**
 * The invite links of a case (all of them), or of one session, newest first, each with who
 * joined through it.
 */
export async function listInvites(ctx: Ctx, scope: InviteScope): Promise<InviteSummary[]> {
	const { opened, session } = await openInviteScope(ctx, scope, 'invite.list');
	const rows = await ctx.db
		.select({
			invite: invites,
			sessionTitle: labSessions.title,
			sessionStatus: labSessions.status
		})
		.from(invites)
		.leftJoin(labSessions, eq(labSessions.id, invites.sessionId))
		.where(
			and(
				eq(invites.caseId, opened.record.id),
				session ? eq(invites.sessionId, session.id) : undefined
			)
		)
		.orderBy(desc(invites.createdAt));
	const ids = rows.map((row) => row.invite.id);
	const joined = ids.length
		? await ctx.db
				.select({
					id: guests.userId,
					inviteId: guests.inviteId,
					name: users.name,
					organisation: guests.organisation,
					status: guests.status,
					joinedAt: guests.joinedAt
				})
				.from(guests)
				.innerJoin(users, eq(users.id, guests.userId))
				.where(inArray(guests.inviteId, ids))
				.orderBy(asc(guests.joinedAt))
		: [];
	await auditCase(ctx, opened, 'invite.list', session ? { sessionId: session.id } : undefined);
	const now = ctx.clock();
	return rows.map(({ invite, sessionTitle, sessionStatus }) => ({
		id: invite.id,
		label: invite.label,
		role: invite.role,
		sessionId: invite.sessionId,
		sessionTitle,
		status: inviteStatus({ ...invite, sessionStatus }, now),
		uses: invite.uses,
		maxUses: invite.maxUses,
		admitAtOnce: invite.admitAtOnce,
		expiresAt: invite.expiresAt,
		createdAt: invite.createdAt,
		guests: joined
			.filter((guest) => guest.inviteId === invite.id)
			.map(({ inviteId: _, ...guest }) => guest)
	}));
}

export type WaitingGuest = {
	id: string;
	name: string;
	organisation: string;
	inviteLabel: string;
	/** The session their link was for; null for a link to the whole case. */
	sessionId: string | null;
	joinedAt: Date;
};

/**
 * Who waits in the lobby: for a session, those who came through its links or the case's; for
 * the case, everyone waiting. No audit: the caller audits what it shows.
 */
export function selectWaitingGuests(
	ctx: Ctx,
	caseId: string,
	sessionId: string | null
): Promise<WaitingGuest[]> {
	return ctx.db
		.select({
			id: guests.userId,
			name: users.name,
			organisation: guests.organisation,
			inviteLabel: invites.label,
			sessionId: guests.sessionId,
			joinedAt: guests.joinedAt
		})
		.from(guests)
		.innerJoin(users, eq(users.id, guests.userId))
		.innerJoin(invites, eq(invites.id, guests.inviteId))
		.where(
			and(
				eq(guests.caseId, caseId),
				eq(guests.status, 'waiting'),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, ctx.clock()),
				sessionId ? or(isNull(guests.sessionId), eq(guests.sessionId, sessionId)) : undefined
			)
		)
		.orderBy(asc(guests.joinedAt));
}
