import type { IncomingMessage } from 'node:http';
import { validateSession } from '../auth';
import type { App } from '../app';
import type { Actor } from '../context';
import { sessionCookieName } from '../session-cookie';

function readCookie(header: string | undefined, name: string): string | undefined {
	for (const part of (header ?? '').split(';')) {
		const [key, ...rest] = part.trim().split('=');
		if (key !== name) continue;
		try {
			return decodeURIComponent(rest.join('='));
		} catch {
			return undefined; // broken percent-encoding: no session
		}
	}
	return undefined;
}

/**
 * The session token of an upgrade request: the session cookie (browsers), or for scripts an
 * `Authorization: Bearer <token>` header with a token from `POST /api/session`.
 */
export function readSessionToken(request: IncomingMessage): string | undefined {
	const authorization = request.headers.authorization;
	if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
	return readCookie(request.headers.cookie, sessionCookieName);
}

export type Authenticated = { actor: Actor; token: string };

export async function authenticateUpgrade(
	app: App,
	request: IncomingMessage
): Promise<Authenticated | null> {
	const token = readSessionToken(request);
	if (!token) return null;
	const validated = await validateSession(app.createCtx({}), token);
	return validated ? { actor: validated.actor, token } : null;
}

/**
 * Browsers always send Origin on WebSocket upgrades; one from another site is refused so a page
 * elsewhere cannot ride on the session cookie. Scripts send none and authenticate by token.
 */
export function isAllowedOrigin(app: App, request: IncomingMessage): boolean {
	const origin = request.headers.origin;
	if (!origin) return true;
	if (app.config.origin) return origin === new URL(app.config.origin).origin;
	const host = request.headers.host;
	return origin === `http://${host}` || origin === `https://${host}`;
}

export function clientAddress(request: IncomingMessage): string | null {
	return request.socket.remoteAddress ?? null;
}
