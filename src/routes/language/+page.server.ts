import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { cookieMaxAge, cookieName, locales } from '$lib/paraglide/runtime';
import { returnPathSchema } from '$lib/schemas/return-path';
import type { Actions, PageServerLoad } from './$types';

const languageSchema = z.object({
	locale: z.enum(locales),
	returnTo: returnPathSchema
});

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies }) => {
		const parsed = languageSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) redirect(303, '/');
		cookies.set(cookieName, parsed.data.locale, {
			path: '/',
			maxAge: cookieMaxAge,
			httpOnly: false,
			sameSite: 'lax'
		});
		redirect(303, parsed.data.returnTo);
	}
};
