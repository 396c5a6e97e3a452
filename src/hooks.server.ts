import { redirect, type Handle, type HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { validateSession } from '$lib/server/auth';
import { getApp } from '$lib/server/app-instance';
import type { Actor } from '$lib/server/context';
import { guestHome, guestMayOpen, validateGuest } from '$lib/server/invites';
import {
	clearGuestCookie,
	clearSessionCookie,
	guestCookieName,
	sessionCookieName,
	setSessionCookie
} from '$lib/server/session-cookie';
import { paraglideMiddleware } from '$lib/paraglide/server';

/** HTTPS only from now on, for a year, when the app is served over HTTPS. */
const strictTransportSecurity = 'max-age=31536000; includeSubDomains';

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	// Pages and data behind login hold case content: no browser or proxy may keep a copy.
	if (event.route.id?.startsWith('/(app)') || event.isDataRequest) {
		response.headers.set('Cache-Control', 'no-store');
	}
	if ((await getApp()).config.origin?.startsWith('https:')) {
		response.headers.set('Strict-Transport-Security', strictTransportSecurity);
	}
	// No address leaves the site (an invite link's token must not reach another one). Not
	// 'no-referrer': browsers then send `Origin: null` on the site's own form posts, which
	// SvelteKit's CSRF check refuses. A page that posts no form may ask for less (the invite link's
	// own page sends none at all).
	if (!response.headers.has('Referrer-Policy')) {
		response.headers.set('Referrer-Policy', 'same-origin');
	}
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const session: Handle = async ({ event, resolve }) => {
	const app = await getApp();
	const address = event.getClientAddress();
	const anonymous = app.createCtx({ address });
	const token = event.cookies.get(sessionCookieName);
	const validated = token ? await validateSession(anonymous, token) : null;
	if (token && validated) setSessionCookie(event.cookies, token, validated.expiresAt);
	else if (token) clearSessionCookie(event.cookies);

	let actor: Actor | null = validated?.actor ?? null;
	const guestToken = actor ? undefined : event.cookies.get(guestCookieName);
	if (guestToken) {
		const guest = await validateGuest(anonymous, guestToken);
		if (guest) actor = guest.actor;
		else clearGuestCookie(event.cookies);
	}
	event.locals.actor = actor;
	event.locals.ctx = app.createCtx({ actor, address });
	return resolve(event);
};

/**
 * A guest reaches only the pages of their invite (the policy decides what they may do there):
 * any other page sends them back to where they belong, any other request is refused.
 */
const guestPages: Handle = async ({ event, resolve }) => {
	const actor = event.locals.actor;
	if (actor?.kind !== 'guest' || guestMayOpen(actor, event.route.id, event.params)) {
		return resolve(event);
	}
	if (event.request.method === 'GET' && !event.url.pathname.startsWith('/api/')) {
		redirect(303, guestHome(actor));
	}
	return new Response('Forbidden', { status: 403 });
};

/** One log line per request: no query string, which may carry search text about a family. */
const requestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const response = await resolve(event);
	event.locals.ctx?.log.info(
		{
			method: event.request.method,
			path: event.url.pathname,
			status: response.status,
			ms: Math.round(performance.now() - started),
			user: event.locals.actor?.id
		},
		'request'
	);
	return response;
};

export const handle = sequence(securityHeaders, i18n, session, guestPages, requestLog);

export const handleError: HandleServerError = async ({ error, event, status }) => {
	if (status !== 404) {
		const app = await getApp();
		app.log.error({ err: error, path: event.url.pathname }, 'unhandled error');
	}
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
