import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { CapabilityError } from '../errors';

export type ScryptCost = { N: number; r: number; p: number };

/**
 * The OWASP Password Storage Cheat Sheet minimum for scrypt: N=2^17, r=8, p=1, 128 MiB of
 * memory per hash (about 0.3 s on a 2-core server). Hashes made with less are upgraded at login.
 */
export const passwordHashCost: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

const keyLength = 32;
/** Stored hashes asking for more than this are refused rather than run (a tampered row). */
const largestAcceptedN = 2 ** 20;

/** scrypt needs 128·r·(N + p + 2) bytes; Node refuses above `maxmem` (default 32 MiB). */
const memoryFor = ({ N, r, p }: ScryptCost) => 128 * r * (N + p + 2);

/**
 * Each hash takes 128 MiB and a core for ~0.3 s: at most two run at once so a burst of logins
 * cannot take the server's memory or both cores; more wait in line, and past the line's length
 * they are refused as "try again later" instead of queueing without end.
 */
const concurrentHashes = 2;
const longestLine = 64;
let running = 0;
const waiting: Array<() => void> = [];
let derivations = 0;

async function withHashingSlot<T>(work: () => Promise<T>): Promise<T> {
	if (running >= concurrentHashes) {
		if (waiting.length >= longestLine) {
			throw new CapabilityError('rate_limited', 'error_rate_limited');
		}
		await new Promise<void>((resolve) => waiting.push(resolve));
	} else {
		running++;
	}
	try {
		return await work();
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
	return withHashingSlot(() => {
		derivations++;
		return new Promise<Buffer>((resolve, reject) =>
			scrypt(
				password.normalize('NFKC'),
				salt,
				keyLength,
				{ ...cost, maxmem: memoryFor(cost) },
				(err, key) => (err ? reject(err) : resolve(key))
			)
		);
	});
}

/** Hashes running and waiting for a slot now (for tests and diagnostics). */
export function passwordHashingLoad(): { running: number; waiting: number } {
	return { running, waiting: waiting.length };
}

/** How many scrypt derivations this process has started: lets tests see that none ran. */
export function countPasswordDerivations(): number {
	return derivations;
}

type ParsedHash = { cost: ScryptCost; salt: Buffer; key: Buffer };

function parseHash(stored: string): ParsedHash | null {
	const [algorithm, n, r, p, salt, key, ...rest] = stored.split('$');
	if (algorithm !== 'scrypt' || !salt || !key || rest.length > 0) return null;
	const cost = { N: Number(n), r: Number(r), p: Number(p) };
	const valid =
		Number.isInteger(cost.N) &&
		cost.N >= 2 &&
		cost.N <= largestAcceptedN &&
		(cost.N & (cost.N - 1)) === 0 &&
		Number.isInteger(cost.r) &&
		cost.r >= 1 &&
		cost.r <= 32 &&
		Number.isInteger(cost.p) &&
		cost.p >= 1 &&
		cost.p <= 16;
	if (!valid) return null;
	return { cost, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

/**
 * Returns a self-describing hash: scrypt$N$r$p$salt$key (base64url), so the cost can rise
 * without invalidating stored hashes. `cost` is for tests that need an older, weaker hash.
 */
export async function hashPassword(
	password: string,
	cost: ScryptCost = passwordHashCost
): Promise<string> {
	const salt = randomBytes(16);
	const key = await derive(password, salt, cost);
	return [
		'scrypt',
		cost.N,
		cost.r,
		cost.p,
		salt.toString('base64url'),
		key.toString('base64url')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parseHash(stored);
	if (!parsed) return false;
	const actual = await derive(password, parsed.salt, parsed.cost);
	return actual.length === parsed.key.length && timingSafeEqual(actual, parsed.key);
}

/** True when the stored hash was made with less than the current cost (or cannot be read). */
export function needsRehash(stored: string): boolean {
	const parsed = parseHash(stored);
	if (!parsed) return true;
	const { N, r, p } = parsed.cost;
	return N < passwordHashCost.N || r < passwordHashCost.r || p < passwordHashCost.p;
}
