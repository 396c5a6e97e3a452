import { getLocale } from '$lib/paraglide/runtime';
import { formatCost } from '$lib/state/cost';

const intlLocale = () => (getLocale() === 'en' ? 'en-GB' : 'nl-NL');

/** In the reader's language, in Dutch time: a fixed zone renders alike on server and browser. */
export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat(intlLocale(), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** Hours and minutes in Dutch time, e.g. when a step's timer ends. */
export function formatClockTime(value: Date | string): string {
	return new Intl.DateTimeFormat(intlLocale(), {
		timeStyle: 'short',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** UTC, to the second, sortable: for the audit trail. */
export function formatUtc(value: Date | string): string {
	return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
}

/** A calendar date stored as YYYY-MM-DD, in the reader's language; other text as it is. */
export function formatDay(value: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return value;
	const [, year, month, day] = match.map(Number);
	return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(Date.UTC(year, month - 1, day))
	);
}

/** An amount of euros in the reader's language: € 1.250,50 or €1,250.50. */
export const formatEuros = (value: number): string => formatCost(value, intlLocale());

/** An audit event's time, to the second, in the reader's language and in Dutch time. */
export function formatAuditTime(value: Date | string): string {
	return new Intl.DateTimeFormat(intlLocale(), {
		dateStyle: 'medium',
		timeStyle: 'medium',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** The end of a span that began at `start`: only the time when it is the same Dutch day. */
export function formatAuditEnd(start: Date | string | null, end: Date | string): string {
	const day = (value: Date | string) =>
		new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(value));
	if (!start || day(start) !== day(end)) return formatAuditTime(end);
	return new Intl.DateTimeFormat(intlLocale(), {
		timeStyle: 'medium',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(end));
}
