import { redirect } from '@sveltejs/kit';
import { createFirstAdmin, login, needsSetup } from '$lib/server/auth';
import { failFromError, parseForm } from '$lib/server/forms';
import { setSessionCookie } from '$lib/server/session-cookie';
import { setupSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!(await needsSetup(locals.ctx))) redirect(303, '/login');
	return { tokenRequired: locals.ctx.services.setupToken !== undefined };
};

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const form = await parseForm(request, setupSchema);
		if (!form.ok) return form.failure;
		try {
			await createFirstAdmin(locals.ctx, form.data, {
				requiredToken: locals.ctx.services.setupToken
			});
			const session = await login(locals.ctx, locals.ctx.services.loginLimiter, form.data);
			setSessionCookie(cookies, session.token, session.expiresAt);
		} catch (error) {
			return failFromError(error, form.formData);
		}
		redirect(303, '/admin/organisations');
	}
};
