import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { login, needsSetup } from '$lib/server/auth';
import { failFromError, parseForm } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session-cookie';
import { loginSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

const returnToSchema = z
	.string()
	.regex(/^\/(?!\/)/)
	.catch('/cases');

export const load: PageServerLoad = async ({ locals, url }) => {
	if (await needsSetup(locals.ctx)) redirect(303, '/setup');
	if (locals.actor)
		redirect(303, returnToSchema.parse(url.searchParams.get('returnTo') ?? '/cases'));
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await parseForm(request, loginSchema);
		if (!form.ok) return form.failure;
		try {
			const session = await login(locals.ctx, locals.ctx.services.loginLimiter, form.data);
			setSessionCookie(cookies, session.token, session.expiresAt);
		} catch (error) {
			return failFromError(error, form.formData);
		}
		redirect(303, returnToSchema.parse(url.searchParams.get('returnTo') ?? '/cases'));
	}
};
