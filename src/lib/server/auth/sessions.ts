import { and, eq, gt } from 'drizzle-orm';
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

/** The actor behind a session token, or null when unknown, expired or the account is inactive. */
export async function validateSession(ctx: Ctx, token: string): Promise<ValidatedSession | null> {
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
	if (expiresAt.getTime() - now.getTime() < renewWithinMs) {
		expiresAt = new Date(now.getTime() + sessionLifetimeMs);
		await ctx.db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash));
	}
	const { expiresAt: _, ...actor } = row;
	return { actor: { kind: 'user', ...actor }, expiresAt };
}

export async function endSession(ctx: Ctx, token: string): Promise<void> {
	await ctx.db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function endAllSessionsOf(ctx: Ctx, userId: string): Promise<void> {
	await ctx.db.delete(sessions).where(eq(sessions.userId, userId));
}
