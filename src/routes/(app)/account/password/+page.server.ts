import { error } from '@sveltejs/kit';
import { changeOwnPassword } from '$lib/server/auth';
import { failFromError, parseForm } from '$lib/server/forms';
import { sessionCookieName } from '$lib/server/session-cookie';
import { passwordChangeSchema } from '$lib/schemas/auth';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals, cookies }) => {
		const token = cookies.get(sessionCookieName);
		if (!locals.actor || !token) error(401, 'Not signed in');
		const form = await parseForm(request, passwordChangeSchema);
		if (!form.ok) return form.failure;
		try {
			await changeOwnPassword(locals.ctx, locals.ctx.services.loginLimiter, token, form.data);
		} catch (caught) {
			return failFromError(caught, form.formData);
		}
		return { success: true };
	}
};
