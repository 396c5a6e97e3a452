import { error, redirect } from '@sveltejs/kit';
import type { PageLoad } from './$types';

/** As ./lobby answers it (selectWaitingGuests, dates as JSON strings). */
export type LobbyGuest = {
	id: string;
	name: string;
	organisation: string;
	inviteLabel: string;
	joinedAt: string;
};

/** The lobby, apart from the links: the page invalidates only `invites:lobby` when it polls. */
export const load: PageLoad = async ({ data, fetch, params, url, depends }) => {
	depends('invites:lobby');
	const session = url.searchParams.get('session');
	const query = session ? `?session=${encodeURIComponent(session)}` : '';
	const response = await fetch(`/cases/${params.caseId}/invites/lobby${query}`);
	if (response.status === 401) {
		redirect(303, `/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
	}
	if (!response.ok) error(response.status, response.status === 404 ? 'Not found' : 'Forbidden');
	const lobby: LobbyGuest[] = await response.json();
	return { ...data, lobby };
};
