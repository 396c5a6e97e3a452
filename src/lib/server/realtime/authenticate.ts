import type { IncomingMessage } from 'node:http';
import type { App } from '../app';
import { openCase, type OpenedCase } from '../cases';
import type { Actor, Ctx } from '../context';
import { CapabilityError } from '../errors';
import { guestCookieName, sessionCookieName } from '../session-cookie';
import { validateCredential } from './credentials';

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
 * The credential of an upgrade request: the session cookie (browsers), else the guest cookie
 * (guests who came in by an invite link), or for scripts an `Authorization: Bearer <token>`
 * header with a token from `POST /api/session`.
 */
export function readSessionToken(request: IncomingMessage): string | undefined {
	const authorization = request.headers.authorization;
	if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
	return (
		readCookie(request.headers.cookie, sessionCookieName) ??
		readCookie(request.headers.cookie, guestCookieName)
	);
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

/** A connection allowed onto one case: who, in which role, and since which revocation mark. */
export type CaseAccess = {
	actor: Actor;
	sessionToken: string;
	/** When the session ends if nothing else happens (idle limit or absolute end). */
	sessionExpiresAt: Date;
	ctx: Ctx;
	opened: OpenedCase;
	/** `app.connections.mark()` before anything was read: pass it to `register`. */
	mark: number;
};

export type Refusal = { status: 401 | 403 | 404; reason: string };

/**
 * The one authorisation path of every live connection (document or session channel): origin,
 * session (cookie or bearer token; connecting counts as activity) and the cases policy, with
 * the read of the case audited under `auditAction`.
 */
export async function authoriseCaseAccess(
	app: App,
	request: IncomingMessage,
	caseId: string,
	auditAction: string,
	/** A token the client sent inside the protocol (socket.io `auth`), before header and cookie. */
	explicitToken?: string
): Promise<CaseAccess | Refusal> {
	const mark = app.connections.mark();
	if (!isAllowedOrigin(app, request)) return { status: 403, reason: 'Forbidden origin' };
	const sessionToken = explicitToken ?? readSessionToken(request);
	if (!sessionToken) return { status: 401, reason: 'Unauthorized' };
	const session = await validateCredential(app.createCtx({}), sessionToken);
	if (!session) return { status: 401, reason: 'Unauthorized' };
	const ctx = app.createCtx({ actor: session.actor, address: clientAddress(request) });
	try {
		const opened = await openCase(ctx, caseId, 'read', auditAction);
		return {
			actor: session.actor,
			sessionToken,
			sessionExpiresAt: session.idleExpiresAt,
			ctx,
			opened,
			mark
		};
	} catch (error) {
		if (error instanceof CapabilityError && error.code === 'forbidden')
			return { status: 403, reason: 'Forbidden' };
		if (error instanceof CapabilityError) return { status: 404, reason: 'Not Found' };
		throw error;
	}
}

export function isRefusal(result: CaseAccess | Refusal): result is Refusal {
	return 'status' in result;
}
