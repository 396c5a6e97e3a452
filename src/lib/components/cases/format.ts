import { getLocale } from '$lib/paraglide/runtime';

/** In the reader's language, in Dutch time: a fixed zone renders alike on server and browser. */
export function formatDateTime(value: Date | string): string {
	return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'nl-NL', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** UTC, to the second, sortable: for the audit trail. */
export function formatUtc(value: Date | string): string {
	return new Date(value).toISOString().slice(0, 19).replace('T', ' ');
}
