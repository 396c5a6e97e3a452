import { createOrganisation, listOrganisations } from '$lib/server/organisations';
import { parseForm } from '$lib/server/forms';
import { organisationSchema } from '$lib/schemas/organisations';
import { failOrErrorPage, orErrorPage } from '../capability-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	await parent(); // the admin layout's refusal must come first: see ../+layout.server.ts
	return { organisations: await orErrorPage(listOrganisations(locals.ctx)) };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await parseForm(request, organisationSchema);
		if (!form.ok) return form.failure;
		try {
			await createOrganisation(locals.ctx, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { success: 'org_created' as const };
	}
};
