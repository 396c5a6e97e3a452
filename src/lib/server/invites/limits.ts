import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/**
 * Redemption attempts per network address: every opened link and every join form counts, found
 * or not. A meeting room behind one address (a dozen guests, a reload or two each) stays well
 * inside; guessing tokens does not (and at 256 bits it could not succeed anyway).
 */
export function createInviteLimiter(): RateLimiterAbstract {
	return new RateLimiterMemory({ keyPrefix: 'invite_address', points: 30, duration: 10 * 60 });
}

/** Takes one attempt; false when the address has none left. */
export async function takeRedemptionAttempt(
	limiter: RateLimiterAbstract,
	address: string | null
): Promise<boolean> {
	try {
		await limiter.consume(address ?? 'unknown');
		return true;
	} catch (rejection) {
		if (rejection instanceof RateLimiterRes) return false;
		throw rejection;
	}
}
