import { error, json } from '@sveltejs/kit';
import { login, logout } from '$lib/server/auth';
import { CapabilityError } from '$lib/server/errors';
import { loginSchema } from '$lib/schemas/auth';
import type { RequestHandler } from './$types';

/**
 * For scripts and non-browser clients: exchange email and password for a session token, then
 * send it as `Authorization: Bearer <token>` (e.g. on the /collab WebSocket upgrade).
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body = await request.json().catch(() => null);
	const parsed = loginSchema.safeParse(body);
	if (!parsed.success) error(400, 'Send JSON: {"email": "...", "password": "..."}');
	try {
		const session = await login(locals.ctx, locals.ctx.services.loginLimiter, parsed.data);
		return json({ token: session.token, expiresAt: session.expiresAt.toISOString() });
	} catch (failure) {
		if (failure instanceof CapabilityError && failure.code === 'rate_limited') {
			error(429, 'Too many attempts');
		}
		if (failure instanceof CapabilityError && failure.code === 'invalid') {
			error(401, 'Email address or password is incorrect');
		}
		throw failure;
	}
};

/** Ends the session whose token is in the Authorization header, and its live connections. */
export const DELETE: RequestHandler = async ({ request, locals }) => {
	const header = request.headers.get('authorization') ?? '';
	if (!header.startsWith('Bearer ')) error(401, 'Send Authorization: Bearer <token>');
	const token = header.slice('Bearer '.length).trim();
	await logout(locals.ctx, token);
	return new Response(null, { status: 204 });
};
