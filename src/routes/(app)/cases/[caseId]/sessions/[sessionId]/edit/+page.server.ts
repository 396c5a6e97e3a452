import { getSessionState, updateSession } from '$lib/server/lab';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { toDrafts } from '$lib/schemas/session-form';
import { orCaseError } from '../../../../case-errors';
import { loadPlanning, submitSessionForm } from '../../session-form.server';
import type { Actions, PageServerLoad } from './$types';

/** Why a template could not be saved, passed on by the save that redirected here. */
const templateProblems = new Set([
	'lab_error_template_name',
	'error_required',
	'error_too_long',
	'error_bsn'
]);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const state = await orCaseError(
		getSessionState(locals.ctx, params.sessionId, { caseId: params.caseId.toLowerCase() })
	);
	const planning = await loadPlanning(locals.ctx, params.caseId);
	const { session } = state;
	const templateProblem = url.searchParams.get('template');
	return {
		...planning,
		session: {
			id: session.sessionId,
			status: session.status,
			title: session.title,
			goal: session.goal,
			scribeId: session.scribe?.userId ?? '',
			...isoToDutchTime(session.scheduledAt)
		},
		steps: toDrafts(session.steps),
		templateProblem:
			templateProblem && templateProblems.has(templateProblem) ? templateProblem : null
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params }) =>
		submitSessionForm(request, locals.ctx, params.caseId, async (input) => {
			const outcome = await updateSession(locals.ctx, params.sessionId, input);
			return { sessionId: outcome.result.sessionId, replayed: outcome.replayed };
		})
};
