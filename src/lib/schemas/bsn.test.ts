import { describe, expect, it } from 'vitest';
import { containsBsn, findBsnLikeNumbers } from './bsn';

// 111222333 and 123456782 pass the elfproef; 012345672 does too, written without its zero.
describe('findBsnLikeNumbers', () => {
	it('finds nine digits that pass the elfproef, alone or in text', () => {
		expect(findBsnLikeNumbers('123456782')).toEqual([{ index: 0, text: '123456782' }]);
		expect(findBsnLikeNumbers('BSN moeder: 111222333.')).toEqual([
			{ index: 12, text: '111222333' }
		]);
	});

	it('finds them written with spaces, dots, dashes or non-breaking spaces between groups', () => {
		for (const written of ['123 456 782', '123.456.782', '12-34-56-782', '1234\u00a056782']) {
			expect(containsBsn(`nummer ${written} bekend`), written).toBe(true);
		}
	});

	it('finds eight digits that pass the elfproef with a leading zero dropped', () => {
		expect(findBsnLikeNumbers('bsn 12345672')).toEqual([{ index: 4, text: '12345672' }]);
		expect(containsBsn('1234 5672')).toBe(true);
	});

	it('accepts numbers that fail the elfproef, and longer or shorter runs of digits', () => {
		for (const text of ['123456789', '12345678', '1234567820', '0612345678', '2026', '€ 12.500']) {
			expect(containsBsn(text), text).toBe(false);
		}
	});

	it('finds a number after a run that failed', () => {
		expect(containsBsn('1234567890 123456782')).toBe(true);
		expect(containsBsn('9 123456782')).toBe(true);
	});
});

describe('eight digits', () => {
	it('do not count inside a longer grouped number or written as a date', () => {
		// 012345672 passes the elfproef, so "12345672" alone counts.
		expect(containsBsn('06-12345672')).toBe(false);
		expect(containsBsn('12345672-3')).toBe(false);
		for (const date of ['2026-05-13', '13-05-2026', '13.05.2026']) {
			expect(containsBsn(date), date).toBe(false);
		}
	});
});
