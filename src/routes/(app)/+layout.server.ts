import { redirect } from '@sveltejs/kit';
import { needsSetup } from '$lib/server/auth';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) needs a signed-in professional. */
export const load: LayoutServerLoad = async ({ locals, url }) => {
	if (locals.actor) return {};
	if (await needsSetup(locals.ctx)) redirect(303, '/setup');
	redirect(303, `/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
};
