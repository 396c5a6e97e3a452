import { fail, redirect } from '@sveltejs/kit';
import { failFromError, parseForm, type FieldErrors } from '$lib/server/forms';
import {
	guestHome,
	leaveAsGuest,
	previewInvite,
	redeemInvite,
	takeRedemptionAttempt
} from '$lib/server/invites';
import {
	clearPendingInviteCookie,
	pendingInviteCookieName,
	setGuestCookie
} from '$lib/server/session-cookie';
import { joinSchema } from '$lib/schemas/invites';
import { orUnusableLink, tooManyAttemptsPage, unusableLinkPage } from './join-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => {
	const token = cookies.get(pendingInviteCookieName);
	const actor = locals.actor;
	// A guest who comes back here without a new link belongs on their own page.
	if (!token && actor?.kind === 'guest') redirect(303, guestHome(actor));
	if (!token) unusableLinkPage();
	const invite = await orUnusableLink(previewInvite(locals.ctx, token));
	return {
		invite,
		// Someone signed in joins under their account, never as a guest in the same browser.
		signedInAs: actor?.kind === 'user' ? actor.name : null
	};
};

export const actions: Actions = {
	default: async ({ locals, cookies, request }) => {
		const form = await parseForm(request, joinSchema);
		if (!form.ok) return form.failure;
		const ctx = locals.ctx;
		if (locals.actor?.kind === 'user') {
			const errors: FieldErrors = { _form: 'join_error_signed_in' };
			return fail(409, { values: form.data, errors });
		}
		if (!(await takeRedemptionAttempt(ctx.services.inviteLimiter, ctx.address))) {
			tooManyAttemptsPage();
		}
		const token = cookies.get(pendingInviteCookieName);
		if (!token) unusableLinkPage();
		let redemption;
		try {
			redemption = await orUnusableLink(redeemInvite(ctx, token, form.data));
		} catch (caught) {
			clearPendingInviteCookie(cookies);
			return failFromError(caught, form.formData);
		}
		// One browser, one guest: whoever was a guest here before leaves.
		if (locals.actor?.kind === 'guest') await leaveAsGuest(ctx);
		setGuestCookie(cookies, redemption.guestToken, redemption.expiresAt);
		clearPendingInviteCookie(cookies);
		redirect(303, guestHome(redemption.actor));
	}
};
