import { z } from 'zod';

const base = 'http://return-path.invalid';
const maxLength = 2000;
const isControl = (code: number) => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
const hasControlCharacter = (value: string) =>
	[...value].some((character) => isControl(character.codePointAt(0)!));

/**
 * Controls, any whitespace and backslashes. URL parsers drop tabs and newlines (`/\t/evil`
 * becomes `//evil`) and read `\` as `/`.
 */
const hasUnsafeCharacter = (value: string) => hasControlCharacter(value) || /[\s\\]/u.test(value);
/** Once decoded, an encoded space is plain text (`?q=Gezin%20K-17`); controls and backslashes are not. */
const hasUnsafeDecodedCharacter = (value: string) =>
	hasControlCharacter(value) || /[\u2028\u2029\\]/u.test(value);

/** Percent-decodes until stable; null when the encoding is broken. */
function decodeFully(value: string): string | null {
	let current = value;
	for (let round = 0; round < 4; round++) {
		let next: string;
		try {
			next = decodeURIComponent(current);
		} catch {
			return null;
		}
		if (next === current) return current;
		current = next;
	}
	return null;
}

const startsLikeAPathOnThisSite = (value: string) =>
	value.startsWith('/') && !value.startsWith('//');

/**
 * True for a path on this site (`/cases?page=2`), false for anything a browser could take
 * elsewhere: another scheme, a protocol-relative `//host`, backslashes (`/\host`), control
 * characters or whitespace, and the same tricks percent-encoded (`/%2F%2Fhost`, `/%5Chost`).
 */
export function isSafeReturnPath(value: string): boolean {
	if (value.length === 0 || value.length > maxLength) return false;
	if (hasUnsafeCharacter(value) || !startsLikeAPathOnThisSite(value)) return false;
	const decoded = decodeFully(value);
	if (decoded === null || hasUnsafeDecodedCharacter(decoded)) return false;
	if (!startsLikeAPathOnThisSite(decoded)) return false;
	const resolved = new URL(value, base);
	return resolved.origin === base && !resolved.pathname.startsWith('//');
}

/** Where to send someone after login or a language switch: a safe path, or the start page. */
export const returnPathSchema = z
	.string()
	.refine(isSafeReturnPath)
	.catch(() => '/');

export function safeReturnPath(value: unknown): string {
	return returnPathSchema.parse(value);
}
