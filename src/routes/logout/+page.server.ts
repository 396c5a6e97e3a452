import { redirect } from '@sveltejs/kit';
import { logout } from '$lib/server/auth';
import { clearSessionCookie, sessionCookieName } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const token = cookies.get(sessionCookieName);
		if (token) await logout(locals.ctx, token);
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
