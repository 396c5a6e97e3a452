import { redirect } from '@sveltejs/kit';
import { restoreCaseVersion, viewCaseVersion } from '$lib/server/collab';
import { orCaseError } from '../../../case-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await orCaseError(viewCaseVersion(locals.ctx, params.caseId, params.versionId));
	return {
		case: { id: view.opened.record.id, code: view.opened.record.code },
		canRestore: view.opened.rights.edit,
		version: view.version,
		versionContent: view.versionContent,
		currentContent: view.currentContent
	};
};

export const actions: Actions = {
	restore: async ({ locals, params }) => {
		await orCaseError(restoreCaseVersion(locals.ctx, params.caseId, params.versionId));
		redirect(303, `/cases/${params.caseId}/plan`);
	}
};
