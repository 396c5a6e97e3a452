const amsterdamClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Amsterdam',
	hourCycle: 'h23',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit'
});

/** How far Dutch clocks are ahead of UTC at `at` (one or two hours). */
function amsterdamOffsetMs(at: number): number {
	const parts = amsterdamClock.formatToParts(new Date(at));
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second')
	);
	return wall - at;
}

/** The moment a calendar day (YYYY-MM-DD) begins in Dutch time; clocks never change at midnight. */
export function startOfDutchDay(day: string): Date {
	const [year, month, date] = day.split('-').map(Number);
	const utcMidnight = Date.UTC(year, month - 1, date);
	return new Date(utcMidnight - amsterdamOffsetMs(utcMidnight));
}

/** The moment after a calendar day ends in Dutch time (the start of the next). */
export function endOfDutchDay(day: string): Date {
	const [year, month, date] = day.split('-').map(Number);
	const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
	return startOfDutchDay(next);
}
