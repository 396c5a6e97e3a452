import { error } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

/**
 * Only administrators see the admin pages. Form actions do not run this load: the capabilities
 * they call check the role again.
 */
export const load: LayoutServerLoad = async ({ locals, parent }) => {
	// The (app) layout first sends a visitor who is not signed in to the login page.
	await parent();
	if (locals.actor?.role !== 'admin') error(403, 'Forbidden');
	return {};
};
