/**
 * Finds anything that looks like a Dutch citizen service number (BSN) in free text: nine digits
 * that pass the "elfproef" (11-check), or eight digits that pass it with the leading zero that
 * people drop; digit groups may be separated by a space, dot or dash ("123 456 782",
 * "12.34.56.782"). The one check behind every text a browser or the server accepts about a
 * family: forms, version labels, the live case document.
 *
 * Eight digits are a weaker sign, so they count only on their own: not as part of a longer
 * grouped number (a phone number "06-12345678") and not written as a date ("13-05-2026").
 */

const separator = '[ .\\-\\u00a0\\u202f]';
const separatorChar = new RegExp(`^${separator}$`);
const writtenDate =
	/^(?:(?:0[1-9]|[12]\d|3[01])[-./](?:0[1-9]|1[0-2])[-./](?:19|20)\d\d|(?:19|20)\d\d[-./](?:0[1-9]|1[0-2])[-./](?:0[1-9]|[12]\d|3[01]))$/;
/** Nine or eight digits with at most one separator between two digits, not inside a longer run. */
const candidate = (digits: number) =>
	new RegExp(`\\d(?:${separator}?\\d){${digits - 1}}(?!\\d)`, 'y');
const nineDigits = candidate(9);
const eightDigits = candidate(8);

export function passesElfproef(digits: string): boolean {
	if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
	sum -= Number(digits[8]);
	return sum % 11 === 0;
}

export type BsnMatch = {
	/** Where the number starts in the text, in UTF-16 code units. */
	index: number;
	/** The number as written, separators included. */
	text: string;
};

function matchAt(pattern: RegExp, text: string, index: number): string | null {
	pattern.lastIndex = index;
	return pattern.exec(text)?.[0] ?? null;
}

/** Every BSN-like number in the text, in order. Linear in the length of the text. */
export function findBsnLikeNumbers(text: string): BsnMatch[] {
	const found: BsnMatch[] = [];
	for (let index = 0; index < text.length; index++) {
		if (!isDigit(text, index) || isDigit(text, index - 1)) continue;
		const nine = matchAt(nineDigits, text, index);
		if (nine && passesElfproef(nine.replace(/\D/g, ''))) {
			found.push({ index, text: nine });
			continue;
		}
		const eight = matchAt(eightDigits, text, index);
		if (
			eight &&
			standsAlone(text, index, eight) &&
			passesElfproef(`0${eight.replace(/\D/g, '')}`)
		) {
			found.push({ index, text: eight });
		}
	}
	return found;
}

function standsAlone(text: string, index: number, written: string): boolean {
	const end = index + written.length;
	const groupedBefore = separatorChar.test(text.charAt(index - 1)) && isDigit(text, index - 2);
	const groupedAfter = separatorChar.test(text.charAt(end)) && isDigit(text, end + 1);
	return !groupedBefore && !groupedAfter && !writtenDate.test(written);
}

export function containsBsn(text: string): boolean {
	return findBsnLikeNumbers(text).length > 0;
}

function isDigit(text: string, index: number): boolean {
	const code = text.charCodeAt(index);
	return code >= 48 && code <= 57;
}
