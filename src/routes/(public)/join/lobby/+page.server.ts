import { redirect } from '@sveltejs/kit';
import { guestHome } from '$lib/server/invites';
import type { PageServerLoad } from './$types';

/**
 * The waiting room. The page asks again every second: once admitted, the guest goes to their
 * page; turned away or removed, their cookie no longer counts and the page says access ended.
 */
export const load: PageServerLoad = ({ locals }) => {
	const actor = locals.actor;
	if (actor?.kind === 'user') redirect(303, '/');
	if (actor?.kind !== 'guest') return { waiting: null };
	if (actor.guest.status === 'admitted') redirect(303, guestHome(actor));
	return { waiting: { name: actor.name, organisation: actor.organisationName } };
};
