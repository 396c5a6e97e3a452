import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	actor: locals.actor && {
		id: locals.actor.id,
		name: locals.actor.name,
		role: locals.actor.role,
		organisationName: locals.actor.organisationName
	}
});
