import { and, eq, getTableColumns } from 'drizzle-orm';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { personEmail, users } from '../db/schema';
import { CapabilityError } from '../errors';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { createSession, type IssuedSession } from './sessions';

export type LoginLimiter = { perAccount: RateLimiterAbstract; perAddress: RateLimiterAbstract };

/** Failed attempts allowed: 5 per account per 15 minutes, 20 per address per 15 minutes. */
export function createLoginLimiter(): LoginLimiter {
	return {
		perAccount: new RateLimiterMemory({ keyPrefix: 'login_account', points: 5, duration: 15 * 60 }),
		perAddress: new RateLimiterMemory({ keyPrefix: 'login_address', points: 20, duration: 15 * 60 })
	};
}

// Verifying against a dummy hash when the account is unknown keeps response times alike. Made
// on first use (not at start-up) and made again if that failed (hashing busy).
let dummyHash: Promise<string> | undefined;
function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('not-a-real-password-long-enough').catch((error: unknown) => {
		dummyHash = undefined;
		throw error;
	});
	return dummyHash;
}

const rateLimited = () => new CapabilityError('rate_limited', 'error_rate_limited');

/**
 * Takes one attempt from both budgets before any password is checked, so that a burst of
 * parallel guesses cannot all pass a "not blocked yet" check before the first failure counts.
 * Measured with bench:login when failures were counted afterwards: of 200 parallel wrong
 * passwords for one account, 139 were checked (and /healthz stalled up to 6.7 s), not 5.
 * False when either budget is spent.
 */
async function takeAttempt(limiter: LoginLimiter, account: string, address: string) {
	const results = await Promise.allSettled([
		limiter.perAccount.consume(account),
		limiter.perAddress.consume(address)
	]);
	for (const result of results) {
		if (result.status === 'rejected' && !(result.reason instanceof RateLimiterRes)) {
			throw result.reason;
		}
	}
	return results.every((result) => result.status === 'fulfilled');
}

/**
 * Checks a password for an account under the login limits: an attempt is counted before the
 * password is checked, and given back when it was right. Throws rate_limited or invalid.
 */
export async function checkPasswordLimited(
	ctx: Ctx,
	limiter: LoginLimiter,
	input: { email: string; password: string },
	auditAction = 'auth.login'
): Promise<Account> {
	const address = ctx.address ?? 'unknown';
	if (!(await takeAttempt(limiter, input.email, address))) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'denied',
			detail: { reason: 'rate_limited' }
		});
		throw rateLimited();
	}

	const [user] = await ctx.db
		.select({ ...getTableColumns(users), email: personEmail })
		.from(users)
		.where(and(eq(users.email, input.email), eq(users.kind, 'person')));
	const storedHash = user?.passwordHash ?? (await dummyPasswordHash());
	const passwordOk = await verifyPassword(input.password, storedHash);
	if (!user || !passwordOk || !user.active) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'denied',
			detail: { reason: user && passwordOk ? 'inactive' : 'bad_credentials', userId: user?.id }
		});
		throw new CapabilityError('invalid', 'error_login_failed');
	}

	// Right: the account's failures are forgiven and the address gets its attempt back.
	await Promise.all([
		limiter.perAccount.delete(input.email),
		limiter.perAddress.reward(address, 1)
	]);
	if (needsRehash(storedHash)) await upgradeHash(ctx, user.id, storedHash, input.password);
	return user;
}

/** Re-hashes at the current cost; only if the hash is still the one just verified. */
async function upgradeHash(ctx: Ctx, userId: string, verifiedHash: string, password: string) {
	const upgraded = await hashPassword(password);
	await ctx.db
		.update(users)
		.set({ passwordHash: upgraded })
		.where(and(eq(users.id, userId), eq(users.passwordHash, verifiedHash)));
}

/** An account with a login: a person, never a guest. */
type Account = Omit<typeof users.$inferSelect, 'email'> & { email: string };

/**
 * Signs in: always a new session with a new token (a token held before login is never reused;
 * the caller ends that one). Limits and timing as in checkPasswordLimited.
 */
export async function login(
	ctx: Ctx,
	limiter: LoginLimiter,
	input: { email: string; password: string }
): Promise<IssuedSession> {
	const user = await checkPasswordLimited(ctx, limiter, input);
	const session = await createSession(ctx, user.id);
	await recordAudit(
		{
			...ctx,
			actor: {
				kind: 'user',
				id: user.id,
				name: user.name,
				email: user.email,
				role: user.role,
				organisationId: user.organisationId,
				organisationName: null
			}
		},
		{ action: 'auth.login', outcome: 'success' }
	);
	return session;
}
