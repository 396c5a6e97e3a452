import { and, eq, gt, ne } from 'drizzle-orm';
import { accessEnded, type AccessEndedReason } from '../../protocol/access';
import { recordAudit } from '../audit';
import type { Actor, Ctx } from '../context';
import { organisations, sessions, users } from '../db/schema';
import { generateToken, hashToken } from './tokens';

export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** A session used in its last half is extended, so an active professional stays logged in. */
const renewWithinMs = sessionLifetimeMs / 2;

export type IssuedSession = { token: string; expiresAt: Date };

export async function createSession(ctx: Ctx, userId: string): Promise<IssuedSession> {
	const token = generateToken();
	const expiresAt = new Date(ctx.clock().getTime() + sessionLifetimeMs);
	await ctx.db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
	return { token, expiresAt };
}

export type ValidatedSession = { actor: Actor; expiresAt: Date };

/**
 * The actor behind a session token, or null when unknown, expired or the account is inactive.
 * `touch: false` only looks: a check of live connections must not keep a session alive.
 */
export async function validateSession(
	ctx: Ctx,
	token: string,
	{ touch = true }: { touch?: boolean } = {}
): Promise<ValidatedSession | null> {
	const tokenHash = hashToken(token);
	const now = ctx.clock();
	const [row] = await ctx.db
		.select({
			expiresAt: sessions.expiresAt,
			id: users.id,
			name: users.name,
			email: users.email,
			role: users.role,
			organisationId: users.organisationId,
			organisationName: organisations.name
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), eq(users.active, true))
		);
	if (!row) return null;

	let expiresAt = row.expiresAt;
	if (touch && expiresAt.getTime() - now.getTime() < renewWithinMs) {
		expiresAt = new Date(now.getTime() + sessionLifetimeMs);
		await ctx.db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
	}
	const { expiresAt: _, ...actor } = row;
	return { actor: { kind: 'user', ...actor }, expiresAt };
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

/** Ends every session of an account, but `exceptToken`'s, and their live connections. */
export async function endAllSessionsOf(
	ctx: Ctx,
	userId: string,
	{ reason, exceptToken }: { reason: AccessEndedReason; exceptToken?: string }
): Promise<void> {
	const others = exceptToken ? ne(sessions.tokenHash, hashToken(exceptToken)) : undefined;
	await ctx.db.delete(sessions).where(and(eq(sessions.userId, userId), others));
	ctx.revoke({ userId, exceptSessionToken: exceptToken, reason });
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
