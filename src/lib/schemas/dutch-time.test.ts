import { describe, expect, it } from 'vitest';
import { dutchTimeToIso, isoToDutchTime } from './dutch-time';

describe('Dutch time of a session', () => {
	it('stores winter and summer times with their own offset', () => {
		expect(dutchTimeToIso('2026-01-15', '10:00')).toBe('2026-01-15T10:00:00+01:00');
		expect(dutchTimeToIso('2026-07-01', '09:30')).toBe('2026-07-01T09:30:00+02:00');
		expect(Date.parse(dutchTimeToIso('2026-07-01', '09:30')!)).toBe(
			Date.parse('2026-07-01T07:30:00Z')
		);
	});

	it('takes the offset of the day itself around the change of the clocks', () => {
		expect(dutchTimeToIso('2026-03-29', '01:30')).toBe('2026-03-29T01:30:00+01:00');
		expect(dutchTimeToIso('2026-03-29', '03:30')).toBe('2026-03-29T03:30:00+02:00');
		expect(dutchTimeToIso('2026-10-25', '04:00')).toBe('2026-10-25T04:00:00+01:00');
	});

	it('refuses dates and times that do not exist', () => {
		expect(dutchTimeToIso('2026-02-30', '10:00')).toBeNull();
		expect(dutchTimeToIso('2026-02-10', '24:00')).toBeNull();
		expect(dutchTimeToIso('10-02-2026', '10:00')).toBeNull();
		expect(dutchTimeToIso('2026-02-10', '')).toBeNull();
	});

	it('shows a stored time as the Dutch date and time it was planned for', () => {
		expect(isoToDutchTime('2026-07-01T07:30:00Z')).toEqual({ date: '2026-07-01', time: '09:30' });
		expect(isoToDutchTime('2026-01-15T23:30:00Z')).toEqual({ date: '2026-01-16', time: '00:30' });
	});
});
