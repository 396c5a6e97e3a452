/**
 * Sessions are planned in Dutch time (Europe/Amsterdam) and stored as an ISO time with its
 * offset, so a session at 10:00 in winter is `…T10:00:00+01:00` and in summer `+02:00`.
 */
const zone = 'Europe/Amsterdam';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: zone,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

function amsterdamParts(at: Date) {
	const parts = Object.fromEntries(
		partsFormat.formatToParts(at).map((part) => [part.type, part.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		time: `${parts.hour}:${parts.minute}`,
		asUtc: Date.UTC(
			Number(parts.year),
			Number(parts.month) - 1,
			Number(parts.day),
			Number(parts.hour),
			Number(parts.minute),
			Number(parts.second)
		)
	};
}

/** Minutes Amsterdam is ahead of UTC at the instant `ms`. */
const offsetAt = (ms: number) => Math.round((amsterdamParts(new Date(ms)).asUtc - ms) / 60_000);

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * `2026-03-10` + `14:30` in Dutch time as `2026-03-10T14:30:00+01:00`; null when either is not
 * a real date or time. A time skipped by the change to summer time is read in winter time.
 */
export function dutchTimeToIso(date: string, time: string): string | null {
	const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	const t = /^(\d{2}):(\d{2})$/.exec(time);
	if (!d || !t) return null;
	const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number);
	const wall = Date.UTC(year, month - 1, day, hour, minute);
	const check = new Date(wall);
	if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
		return null;
	let offset = offsetAt(wall - offsetAt(wall) * 60_000);
	if (offsetAt(wall - offset * 60_000) !== offset) offset = offsetAt(wall);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** An instant as the date and time fields of a form, in Dutch time. */
export function isoToDutchTime(value: Date | string): { date: string; time: string } {
	const { date, time } = amsterdamParts(new Date(value));
	return { date, time };
}
