import { redirect } from '@sveltejs/kit';
import { needsSetup } from '$lib/server/auth';
import { carriesGuestCookie } from '$lib/server/session-cookie';
import type { LayoutServerLoad } from './$types';

/** Everything under (app) needs a signed-in professional, or a guest on their own pages. */
export const load: LayoutServerLoad = async ({ locals, url, request }) => {
	if (locals.actor) return {};
	// A guest whose access just ended (the hook found their cookie no longer valid).
	if (carriesGuestCookie(request)) redirect(303, '/join/lobby');
	if (await needsSetup(locals.ctx)) redirect(303, '/setup');
	redirect(303, `/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
};
