import { browser } from '$app/environment';

/**
 * The value of a field the page does not keep up to date itself (the breakthrough text: only its
 * binding follows the Y.Text), for the server's HTML only. In the browser the binding owns the
 * field; a stale value attribute rendered again (say when the field turns editable) would
 * overwrite what was typed. Fields whose value the page follows (plan item fields, notes) pass
 * their current text instead: Svelte then leaves a field alone that already shows it.
 */
export const serverValue = (text: string | undefined): string | undefined =>
	browser ? undefined : (text ?? '');
