import type { SessionFacts } from '../journeys';
import type { Ctx } from '../context';
import { listCategories } from './categories';
import type { SessionRow } from './open-session';
import { viewObservations, viewParticipants, viewProposals, viewSession } from './views';

/** The stored facts of a session, read inside its ending transaction, for its journey record. */
export async function gatherFacts(tx: Ctx, session: SessionRow): Promise<SessionFacts> {
	const [view, participants, observations, proposals, categories] = await Promise.all([
		viewSession(tx, session),
		viewParticipants(tx, session),
		viewObservations(tx, session.id),
		viewProposals(tx, session.id),
		listCategories(tx, { includeInactive: true })
	]);
	return {
		session: view,
		participants,
		observations,
		proposals,
		categoryLabels: Object.fromEntries(categories.map((c) => [c.id, c.label]))
	};
}
