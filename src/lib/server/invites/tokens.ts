import { generateToken } from '../auth';

/**
 * Guest cookie tokens carry a prefix so that a live connection's credential tells which kind it
 * is without a second lookup; invite tokens (in links) do not need one.
 */
const guestTokenPrefix = 'g.';

export function generateGuestToken(): string {
	return guestTokenPrefix + generateToken();
}

export function isGuestToken(token: string): boolean {
	return token.startsWith(guestTokenPrefix);
}

/** The invite URL's token: 256 bits, URL-safe. Anything else is not worth a database lookup. */
export function looksLikeInviteToken(token: string): boolean {
	return /^[A-Za-z0-9_-]{43}$/.test(token);
}
