/** What a cost field's text means: an amount in euros, no amount (empty), or not an amount. */
export type ParsedCost = { ok: true; value: number | null } | { ok: false };

const currency = /€|\beur(o|os)?\b/gi;
const spaces = /[\s\u00a0\u202f]/g;
// "€ 500,-" and "500,--": whole euros, written the Dutch way.
const wholeEuros = /[.,]-{1,2}$/;
const fail: ParsedCost = { ok: false };

/**
 * Reads an amount typed the Dutch or the English way: "1.250,50", "1,250.50", "1250.50", "2.500",
 * "€ 500,-". A separator followed by exactly three digits groups thousands, one followed by one
 * or two digits marks the cents; cents never have three digits, so no reading is ambiguous.
 */
export function parseCost(raw: string): ParsedCost {
	const text = raw.replace(currency, '').replace(spaces, '').replace(wholeEuros, '');
	if (text === '') return raw.trim() === '' ? { ok: true, value: null } : fail;
	if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return fail;

	const lastSeparator = Math.max(text.lastIndexOf('.'), text.lastIndexOf(','));
	if (lastSeparator < 0) return amount(text, '');
	const separator = text[lastSeparator];
	const tail = text.slice(lastSeparator + 1);
	const head = text.slice(0, lastSeparator);
	const other = separator === '.' ? ',' : '.';

	if (head.includes(other)) {
		// Both kinds: the last one marks the cents, the other groups thousands.
		return tail.length <= 2 && isGrouped(head, other) ? amount(ungroup(head, other), tail) : fail;
	}
	if (tail.length === 3)
		return isGrouped(text, separator) ? amount(ungroup(text, separator), '') : fail;
	if (tail.length <= 2 && !head.includes(separator)) return amount(head, tail);
	return fail;
}

function isGrouped(digits: string, separator: string): boolean {
	return digits
		.split(separator)
		.every((group, index) =>
			index === 0 ? group.length >= 1 && group.length <= 3 : group.length === 3
		);
}

const ungroup = (digits: string, separator: string) => digits.split(separator).join('');

function amount(euros: string, cents: string): ParsedCost {
	const value = Number(cents ? `${euros}.${cents}` : euros);
	return Number.isFinite(value) ? { ok: true, value: Math.round(value * 100) / 100 } : fail;
}

/**
 * The amount as the page shows it: "€ 1.250,50" in Dutch, "€1,250.50" in English. parseCost
 * reads it back as the same amount.
 */
export function formatCost(value: number | null, locale: string): string {
	if (value === null) return '';
	return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(value);
}
