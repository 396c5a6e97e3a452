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

/** A guest's credential: bound to one invite and case, it expires with the invite. */
export const guestCookieName = 'maatwerklab_guest';

export function setGuestCookie(cookies: Cookies, token: string, expiresAt: Date) {
	cookies.set(guestCookieName, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		expires: expiresAt
	});
}

export function clearGuestCookie(cookies: Cookies) {
	cookies.delete(guestCookieName, { path: '/' });
}

/**
 * Whether the request came with a guest cookie, valid or not: a guest whose access ended is sent
 * to a page that says so rather than to a login they do not have.
 */
export function carriesGuestCookie(request: Request): boolean {
	const header = request.headers.get('cookie') ?? '';
	return header.split(';').some((pair) => pair.trim().startsWith(`${guestCookieName}=`));
}

/**
 * The invite token between opening the link and joining: held here (only on /join) so that it
 * leaves the address bar at once.
 */
export const pendingInviteCookieName = 'maatwerklab_invite';
const pendingInviteMaxAgeSeconds = 30 * 60;

export function setPendingInviteCookie(cookies: Cookies, token: string) {
	cookies.set(pendingInviteCookieName, token, {
		path: '/join',
		httpOnly: true,
		sameSite: 'lax',
		maxAge: pendingInviteMaxAgeSeconds
	});
}

export function clearPendingInviteCookie(cookies: Cookies) {
	cookies.delete(pendingInviteCookieName, { path: '/join' });
}
