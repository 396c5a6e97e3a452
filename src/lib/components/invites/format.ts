import { formatDateTime, formatDay } from '$lib/components/cases/format';
import { isoToDutchTime } from '$lib/schemas/dutch-time';

/**
 * Until when a link works. A link made for a day ends at the following midnight in Dutch time:
 * that reads as the day itself ("6 dec. 2026", through that day), not as "7 dec., 00:00".
 */
export function formatValidThrough(value: Date | string): string {
	const at = new Date(value);
	if (isoToDutchTime(at).time !== '00:00') return formatDateTime(at);
	return formatDay(isoToDutchTime(new Date(at.getTime() - 60_000)).date);
}
