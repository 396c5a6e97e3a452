import { redirect } from '@sveltejs/kit';
import { leaveAsGuest } from '$lib/server/invites';
import { clearGuestCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.actor?.kind !== 'guest') redirect(303, '/join/left');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		await leaveAsGuest(locals.ctx);
		clearGuestCookie(cookies);
		redirect(303, '/join/left');
	}
};
