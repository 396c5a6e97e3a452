import { describe, expect, it } from 'vitest';
import { formatCost, parseCost } from './cost';

// Intl separates "€" from the amount with a no-break space.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('parseCost', () => {
	it.each([
		['1.250,50', 1250.5],
		['2.500', 2500],
		['€ 500', 500],
		['€500,-', 500],
		['€ 500,--', 500],
		['1250.50', 1250.5],
		['1250,50', 1250.5],
		['1,250.50', 1250.5],
		['1.250.000', 1250000],
		['12,5', 12.5],
		['0,99', 0.99],
		['750', 750],
		[' 75 euro ', 75],
		['EUR 1.000', 1000]
	])('reads %j as %d euros', (raw, value) => {
		expect(parseCost(raw)).toEqual({ ok: true, value });
	});

	it.each(['', '   '])('reads %j as no amount', (raw) => {
		expect(parseCost(raw)).toEqual({ ok: true, value: null });
	});

	it.each([
		'ongeveer 500',
		'€',
		'-500',
		'500,',
		'1.250.50',
		'1250.500',
		'1,2345',
		'1.25.0',
		'12,50,00',
		'5e3',
		'500 of 600'
	])('refuses %j', (raw) => {
		expect(parseCost(raw)).toEqual({ ok: false });
	});
});

describe('formatCost', () => {
	it('shows an amount in the Dutch or the English way', () => {
		expect(plain(formatCost(1250.5, 'nl'))).toBe('€ 1.250,50');
		expect(plain(formatCost(1250.5, 'en'))).toBe('€1,250.50');
		expect(plain(formatCost(2500, 'nl'))).toBe('€ 2.500,00');
		expect(formatCost(null, 'nl')).toBe('');
	});

	it('shows text that reads back as the same amount', () => {
		for (const locale of ['nl', 'en']) {
			for (const value of [0, 0.5, 12.3, 2500, 1250.5, 1000000]) {
				expect(parseCost(formatCost(value, locale))).toEqual({ ok: true, value });
			}
		}
	});
});
