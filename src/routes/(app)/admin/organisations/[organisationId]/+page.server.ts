import { getOrganisation, updateOrganisation } from '$lib/server/organisations';
import { parseForm } from '$lib/server/forms';
import { organisationSchema } from '$lib/schemas/organisations';
import { failOrErrorPage, orErrorPage } from '../../capability-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	await parent(); // the admin layout's refusal must come first: see ../../+layout.server.ts
	return { organisation: await orErrorPage(getOrganisation(locals.ctx, params.organisationId)) };
};

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const form = await parseForm(request, organisationSchema);
		if (!form.ok) return form.failure;
		try {
			await updateOrganisation(locals.ctx, params.organisationId, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { success: 'org_updated' as const };
	}
};
