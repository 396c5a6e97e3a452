import { redirect } from '@sveltejs/kit';
import { previewInvite, takeRedemptionAttempt } from '$lib/server/invites';
import { setPendingInviteCookie } from '$lib/server/session-cookie';
import { orUnusableLink, tooManyAttemptsPage } from '../join-errors';
import type { PageServerLoad } from './$types';

/**
 * Opening an invite link: the token goes into a cookie for /join and out of the address bar at
 * once. Every opening counts against the address's attempts, found or not.
 */
export const load: PageServerLoad = async ({ locals, params, cookies, setHeaders }) => {
	// The address holds the token: no page or request from here may pass it on.
	setHeaders({ 'Referrer-Policy': 'no-referrer' });
	const ctx = locals.ctx;
	if (!(await takeRedemptionAttempt(ctx.services.inviteLimiter, ctx.address))) {
		tooManyAttemptsPage();
	}
	await orUnusableLink(previewInvite(ctx, params.token));
	setPendingInviteCookie(cookies, params.token);
	redirect(303, '/join');
};
