import { createHash, randomBytes } from 'node:crypto';

/** 256 bits of randomness, URL-safe. */
export function generateToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Only this hash is stored; a database leak does not reveal usable tokens. */
export function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}
