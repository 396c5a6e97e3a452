import { getCase } from '$lib/server/cases';
import { getPlanJourney } from '$lib/server/journeys';
import { orCaseError } from '../../case-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const journey = await orCaseError(getPlanJourney(locals.ctx, params.caseId));
	const details = await orCaseError(getCase(locals.ctx, journey.caseId));
	return { case: { id: details.id, code: details.code, title: details.title }, journey };
};
