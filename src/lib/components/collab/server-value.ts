import { browser } from '$app/environment';

/**
 * A text field's value for the server's HTML only. In the browser the live binding (`mapText`,
 * `bindText`) owns the field's value; a value attribute there would fight it over the caret.
 */
export const serverValue = (text: string | undefined): string | undefined =>
	browser ? undefined : (text ?? '');
