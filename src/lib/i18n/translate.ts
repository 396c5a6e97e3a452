import { m } from '$lib/paraglide/messages';

type MessageFunction = () => string;
const messages = m as unknown as Record<string, MessageFunction | undefined>;

/**
 * Translates a message key chosen at run time (a form error from a schema, an enum value).
 * Unknown keys come back unchanged so a missing translation is visible, not silent.
 */
export function translate(key: string): string {
	return messages[key]?.() ?? key;
}

/** Translates an enum value with a prefix: label('organisation_kind', 'ggz'). */
export function label(prefix: string, value: string): string {
	return translate(`${prefix}_${value}`);
}
