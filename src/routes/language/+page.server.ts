import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { cookieMaxAge, cookieName, locales } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

const languageSchema = z.object({
	locale: z.enum(locales),
	// Only a path on this site: never an absolute or protocol-relative URL.
	returnTo: z
		.string()
		.regex(/^\/(?!\/)/)
		.catch('/')
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
