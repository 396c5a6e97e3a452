/**
 * Finds anything that looks like a Dutch citizen service number (BSN): nine digits, optionally
 * grouped with spaces, dots or dashes, that pass the "elfproef" (11-check).
 */
const nineDigitGroups = /(?<!\d)\d(?:[ .-]?\d){8}(?!\d)/g;

export function passesElfproef(digits: string): boolean {
	if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
	let sum = 0;
	for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
	sum -= Number(digits[8]);
	return sum % 11 === 0;
}

export function containsBsn(text: string): boolean {
	for (const match of text.matchAll(nineDigitGroups)) {
		if (passesElfproef(match[0].replace(/\D/g, ''))) return true;
	}
	return false;
}
