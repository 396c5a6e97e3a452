import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { endSession } from '$lib/server/auth';
import { clearSessionCookie, sessionCookieName } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies }) => {
		const token = cookies.get(sessionCookieName);
		if (token) {
			await endSession(locals.ctx, token);
			locals.app.events.emit('access-revoked', { sessionToken: token, reason: 'logged out' });
		}
		if (locals.actor) await recordAudit(locals.ctx, { action: 'auth.logout', outcome: 'success' });
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
