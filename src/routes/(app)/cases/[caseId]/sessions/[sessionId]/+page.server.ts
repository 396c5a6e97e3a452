import { listMembers } from '$lib/server/cases';
import { getCurrentState, readCaseContent } from '$lib/server/collab';
import { getPlanJourney, type PlanJourney } from '$lib/server/journeys';
import { getSessionState } from '$lib/server/lab';
import { listOrganisations } from '$lib/server/organisations';
import { orCaseError } from '../../../case-errors';
import type { PageServerLoad } from './$types';

const noJourney: Pick<PlanJourney, 'daysSinceBreakthrough' | 'stops'> = {
	daysSinceBreakthrough: null,
	stops: []
};

/**
 * The live session view, server-rendered with the session's state as it is now; the browser then
 * joins the session channel and follows it. Beside it the case's own material for the board's
 * mirror cells: the planreis so far and the plan items of the stored document.
 */
export const load: PageServerLoad = async ({ locals, params }) => {
	// A session of another case is not found, and nothing of it is read.
	const state = await orCaseError(
		getSessionState(locals.ctx, params.sessionId, { caseId: params.caseId.toLowerCase() })
	);
	const { caseId } = state.session;
	// A guest takes part in the session as it is now: the case's members and history are not theirs.
	const history = state.rights.readHistory;
	const [members, journey, organisations, document] = await Promise.all([
		history ? orCaseError(listMembers(locals.ctx, caseId)) : [],
		history ? orCaseError(getPlanJourney(locals.ctx, caseId)) : noJourney,
		listOrganisations(locals.ctx),
		// Read after getSessionState has checked (and audited) that the actor may read the case.
		getCurrentState(locals.ctx, caseId).then(readCaseContent)
	]);
	return {
		caseId,
		state,
		me: locals.actor!.id,
		guest: locals.actor!.kind === 'guest',
		members: members.map(({ userId, name, organisationName, role, active }) => ({
			userId,
			name,
			organisationName,
			role,
			active
		})),
		organisations: organisations.map(({ id, name }) => ({ id, name })),
		planItems: document.planItems.map(({ id, action, organisation, status }) => ({
			id,
			action,
			organisation,
			status
		})),
		breakthrough: { text: document.breakthroughText, agreedOn: document.breakthrough.agreedOn },
		journey: {
			daysSinceBreakthrough: journey.daysSinceBreakthrough,
			stops: journey.stops
				.filter((stop) => stop.sessionId !== params.sessionId)
				.map((stop) => ({
					recordId: stop.recordId,
					title: stop.title,
					endedAt: stop.endedAt,
					daysSincePrevious: stop.daysSincePrevious,
					observations: stop.observations.length
				}))
		}
	};
};
