import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * Only administrators see the admin pages. SvelteKit runs a page's load alongside this one and
 * sends the data of both (`__data.json`), so every admin page load awaits `parent()` first: this
 * refusal then stops it before it reads anything. Form actions do not run this load: the
 * capabilities they call check the role again.
 */
export const load: LayoutServerLoad = async ({ locals, parent }) => {
	// The (app) layout first sends a visitor who is not signed in to the login page.
	await parent();
	if (locals.actor?.role !== 'admin') error(403, 'Forbidden');
	return {};
};
