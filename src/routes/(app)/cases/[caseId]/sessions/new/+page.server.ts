import { planSession } from '$lib/server/lab';
import { defaultAgenda } from '$lib/server/lab';
import { toDrafts } from '$lib/schemas/session-form';
import { loadPlanning, submitSessionForm } from '../session-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => ({
	...(await loadPlanning(locals.ctx, params.caseId)),
	steps: toDrafts(defaultAgenda)
});

export const actions: Actions = {
	default: async ({ request, locals, params }) =>
		submitSessionForm(request, locals.ctx, params.caseId, async (input) => {
			const outcome = await planSession(locals.ctx, params.caseId, input);
			return { sessionId: outcome.result.sessionId, replayed: outcome.replayed };
		})
};
