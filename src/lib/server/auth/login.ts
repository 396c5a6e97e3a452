import { eq } from 'drizzle-orm';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { users } from '../db/schema';
import { CapabilityError } from '../errors';
import { hashPassword, verifyPassword } from './password';
import { createSession, type IssuedSession } from './sessions';

export type LoginLimiter = { perAccount: RateLimiterAbstract; perAddress: RateLimiterAbstract };

/** Failed attempts allowed: 5 per account per 15 minutes, 20 per address per 15 minutes. */
export function createLoginLimiter(): LoginLimiter {
	return {
		perAccount: new RateLimiterMemory({ keyPrefix: 'login_account', points: 5, duration: 15 * 60 }),
		perAddress: new RateLimiterMemory({ keyPrefix: 'login_address', points: 20, duration: 15 * 60 })
	};
}

// Verifying against a dummy hash when the account is unknown keeps response times alike.
const dummyHash = hashPassword('not-a-real-password-but-long-enough');

const rateLimited = () => new CapabilityError('rate_limited', 'error_rate_limited');

async function isBlocked(limiter: RateLimiterAbstract, key: string): Promise<boolean> {
	const state = await limiter.get(key);
	return state !== null && state.remainingPoints <= 0;
}

export async function login(
	ctx: Ctx,
	limiter: LoginLimiter,
	input: { email: string; password: string }
): Promise<IssuedSession> {
	const address = ctx.address ?? 'unknown';
	if (
		(await isBlocked(limiter.perAccount, input.email)) ||
		(await isBlocked(limiter.perAddress, address))
	) {
		await recordAudit(ctx, {
			action: 'auth.login',
			outcome: 'denied',
			detail: { reason: 'rate_limited' }
		});
		throw rateLimited();
	}

	const [user] = await ctx.db.select().from(users).where(eq(users.email, input.email));
	const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? (await dummyHash));
	if (!user || !passwordOk || !user.active) {
		await Promise.allSettled([
			limiter.perAccount.consume(input.email),
			limiter.perAddress.consume(address)
		]);
		await recordAudit(ctx, {
			action: 'auth.login',
			outcome: 'denied',
			detail: { reason: user && passwordOk ? 'inactive' : 'bad_credentials', userId: user?.id }
		});
		throw new CapabilityError('invalid', 'error_login_failed');
	}

	await limiter.perAccount.delete(input.email);
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
