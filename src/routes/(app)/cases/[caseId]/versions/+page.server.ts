import { listCaseVersions, saveCaseVersion } from '$lib/server/collab';
import { parseForm } from '$lib/server/forms';
import { versionLabelSchema } from '$lib/schemas/versions';
import { failOrCaseError, orCaseError } from '../../case-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { opened, versions } = await orCaseError(listCaseVersions(locals.ctx, params.caseId));
	return {
		case: { id: opened.record.id, code: opened.record.code },
		canSave: opened.rights.edit,
		versions
	};
};

export const actions: Actions = {
	save: async ({ request, locals, params }) => {
		const form = await parseForm(request, versionLabelSchema);
		if (!form.ok) return form.failure;
		try {
			await saveCaseVersion(locals.ctx, params.caseId, form.data.label);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { notice: 'versions_saved' };
	}
};
