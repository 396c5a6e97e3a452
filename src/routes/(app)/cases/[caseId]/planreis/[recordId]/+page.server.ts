import { error } from '@sveltejs/kit';
import { getCase } from '$lib/server/cases';
import { parseForm } from '$lib/server/forms';
import { addJourneyAddendum, addendumSchema, getJourneyRecord } from '$lib/server/journeys';
import { failOrCaseError, orCaseError } from '../../../case-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const view = await orCaseError(getJourneyRecord(locals.ctx, params.recordId));
	// The same 404 as an unknown record when the address names another case.
	if (view.record.session.caseId !== params.caseId.toLowerCase()) error(404, 'Not found');
	const details = await orCaseError(getCase(locals.ctx, view.record.session.caseId));
	return {
		case: { id: details.id, code: details.code },
		canAddAddendum: details.rights.planSession,
		view
	};
};

export const actions: Actions = {
	addendum: async ({ request, locals, params }) => {
		const form = await parseForm(request, addendumSchema);
		if (!form.ok) return form.failure;
		try {
			await addJourneyAddendum(locals.ctx, params.recordId, form.data);
		} catch (caught) {
			return failOrCaseError(caught, form.formData);
		}
		return { notice: 'journey_addendum_added' };
	}
};
