import type { Cookies } from '@sveltejs/kit';

export const sessionCookieName = 'maatwerklab_session';

// SvelteKit sets `secure` itself: on everywhere except http://localhost.
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(sessionCookieName, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies) {
	cookies.delete(sessionCookieName, { path: '/' });
}
