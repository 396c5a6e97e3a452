import { redirect } from '@sveltejs/kit';
import { endSession, login, needsSetup } from '$lib/server/auth';
import { failFromError, parseForm } from '$lib/server/forms';
import { sessionCookieName, setSessionCookie } from '$lib/server/session-cookie';
import { loginSchema } from '$lib/schemas/auth';
import { safeReturnPath } from '$lib/schemas/return-path';
import type { Actions, PageServerLoad } from './$types';

/** Where to go after login: `returnTo` when it is a path on this site, the start page otherwise. */
function returnTarget(url: URL): string {
	const returnTo = url.searchParams.get('returnTo');
	return returnTo === null ? '/cases' : safeReturnPath(returnTo);
}

export const load: PageServerLoad = async ({ locals, url }) => {
	if (await needsSetup(locals.ctx)) redirect(303, '/setup');
	if (locals.actor) redirect(303, returnTarget(url));
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await parseForm(request, loginSchema);
		if (!form.ok) return form.failure;
		const previousToken = cookies.get(sessionCookieName);
		try {
			const session = await login(locals.ctx, locals.ctx.services.loginLimiter, form.data);
			// A session token from before login is never carried on: the browser gets a new one.
			if (previousToken) await endSession(locals.ctx, previousToken);
			setSessionCookie(cookies, session.token, session.expiresAt);
		} catch (error) {
			return failFromError(error, form.formData);
		}
		redirect(303, returnTarget(url));
	}
};
