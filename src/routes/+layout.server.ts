import { guestHome } from '$lib/server/invites';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		actor: actor && {
			id: actor.id,
			name: actor.name,
			role: actor.role,
			organisationName: actor.organisationName,
			/** A guest's one page (their lobby, plan or session); null for a signed-in user. */
			guestHome: actor.kind === 'guest' ? guestHome(actor) : null
		}
	};
};
