import { and, eq, gt, ne } from 'drizzle-orm';
import { accessEnded, type AccessEndedReason } from '../../protocol/access';
import { recordAudit } from '../audit';
import { defaultSessionLimits } from '../config';
import type { Ctx, UserActor } from '../context';
import { organisations, personEmail, sessions, users } from '../db/schema';
import { generateToken, hashToken } from './tokens';

/**
 * Requests within this long of the last recorded one do not write it again: one write a minute
 * per active session instead of one per request. The idle limit is that much less exact.
 */
const lastSeenPrecisionMs = 60_000;

export type IssuedSession = { token: string; expiresAt: Date };

/** A new session with a new random token; `expiresAt` is its absolute end. */
export async function createSession(ctx: Ctx, userId: string): Promise<IssuedSession> {
	const { maxMs } = ctx.sessionLimits ?? defaultSessionLimits;
	const token = generateToken();
	const now = ctx.clock();
	const expiresAt = new Date(now.getTime() + maxMs);
	await ctx.db
		.insert(sessions)
		.values({ tokenHash: hashToken(token), userId, expiresAt, lastSeenAt: now, createdAt: now });
	return { token, expiresAt };
}

export type ValidatedSession = {
	actor: UserActor;
	/** The absolute end of the session. */
	expiresAt: Date;
	/** When it ends if no request comes before. */
	idleExpiresAt: Date;
};

export type ValidateOptions = {
	/**
	 * A request by the person (default): counts as activity and keeps the session from going
	 * idle. `false` only looks, for checks the person did not cause (a periodic check of live
	 * connections): it neither extends nor writes anything.
	 */
	touch?: boolean;
};

/**
 * The actor behind a session token, or null when unknown, idle too long, past its absolute
 * end, or the account is inactive.
 */
export async function validateSession(
	ctx: Ctx,
	token: string,
	{ touch = true }: ValidateOptions = {}
): Promise<ValidatedSession | null> {
	const { idleMs } = ctx.sessionLimits ?? defaultSessionLimits;
	const tokenHash = hashToken(token);
	const now = ctx.clock();
	const [row] = await ctx.db
		.select({
			expiresAt: sessions.expiresAt,
			lastSeenAt: sessions.lastSeenAt,
			id: users.id,
			name: users.name,
			email: personEmail,
			role: users.role,
			organisationId: users.organisationId,
			organisationName: organisations.name
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(
				eq(sessions.tokenHash, tokenHash),
				gt(sessions.expiresAt, now),
				gt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
				eq(users.active, true)
			)
		);
	if (!row) return null;

	let lastSeenAt = row.lastSeenAt;
	if (touch && now.getTime() - lastSeenAt.getTime() >= lastSeenPrecisionMs) {
		lastSeenAt = now;
		await ctx.db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash));
	}
	const { expiresAt, lastSeenAt: _, ...actor } = row;
	const idleExpiresAt = new Date(Math.min(lastSeenAt.getTime() + idleMs, expiresAt.getTime()));
	return { actor: { kind: 'user', ...actor }, expiresAt, idleExpiresAt };
}

/** Ends one session and its live connections. */
export async function endSession(
	ctx: Ctx,
	token: string,
	reason: AccessEndedReason = accessEnded.loggedOut
): Promise<void> {
	await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
	ctx.revoke({ sessionToken: token, reason });
}

/** Ends every session of an account, but `except` (the token of the one asking), and their live connections. */
export async function endAllSessionsOf(
	ctx: Ctx,
	userId: string,
	{ reason, except }: { reason: AccessEndedReason; except?: string }
): Promise<void> {
	const others = except ? ne(sessions.tokenHash, hashToken(except)) : undefined;
	await ctx.db.delete(sessions).where(and(eq(sessions.userId, userId), others));
	ctx.revoke({ userId, exceptSessionToken: except, reason });
}

/** Logging out: ends the session and records who logged out, for pages and programs alike. */
export async function logout(ctx: Ctx, token: string): Promise<void> {
	const session = await validateSession(ctx, token, { touch: false });
	await endSession(ctx, token);
	if (session) {
		await recordAudit(
			{ ...ctx, actor: session.actor },
			{ action: 'auth.logout', outcome: 'success' }
		);
	}
}
