import { redirect } from '@sveltejs/kit';
import { createCase } from '$lib/server/cases';
import { failFromError, parseForm } from '$lib/server/forms';
import { caseSchema } from '$lib/schemas/cases';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await parseForm(request, caseSchema);
		if (!form.ok) return form.failure;
		let id: string;
		try {
			({ id } = await createCase(locals.ctx, form.data));
		} catch (error) {
			return failFromError(error, form.formData);
		}
		redirect(303, `/cases/${id}`);
	}
};
