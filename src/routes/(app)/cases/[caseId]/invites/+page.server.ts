import QRCode from 'qrcode';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { guestIdSchema, inviteIdSchema, inviteLimits, inviteSchema } from '$lib/schemas/invites';
import { parseForm } from '$lib/server/forms';
import {
	createInvite,
	decideGuest,
	inviteExpiry,
	listInvites,
	openInviteScope,
	removeGuest,
	revokeInvite
} from '$lib/server/invites';
import { failOrCaseError, orCaseError } from '../../case-errors';
import { inviteScope } from './scope';
import type { Actions, PageServerLoad } from './$types';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The invite links of a case (`?session=<id>`: of one session), for its owners and facilitators.
 * The lobby comes from ./lobby (see +page.ts), so that polling it does not read all this again.
 */
export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('invites:list');
	const scope = inviteScope(params.caseId, url);
	// Checks the right (and audits a refusal) before anything is read; listInvites audits the read.
	const { opened, session } = await orCaseError(openInviteScope(locals.ctx, scope, 'invite.list'));
	const invites = await orCaseError(listInvites(locals.ctx, scope));
	const now = locals.ctx.clock();
	return {
		case: { id: opened.record.id, code: opened.record.code },
		session: session && {
			id: session.id,
			title: session.title,
			scheduledAt: session.scheduledAt,
			ended: session.status === 'ended'
		},
		invites,
		expiry: {
			default: inviteExpiry(now, '', session?.scheduledAt),
			min: isoToDutchTime(now).date,
			max: isoToDutchTime(new Date(now.getTime() + inviteLimits.maxDays * dayMs)).date
		}
	};
};

/** Every form posts its `intent`, so the page shows a failure or notice at that form. */
export const actions: Actions = {
	create: async ({ request, locals, params, url }) => {
		const form = await parseForm(request, inviteSchema);
		if (!form.ok) return form.failure;
		let created;
		try {
			created = await createInvite(locals.ctx, inviteScope(params.caseId, url), form.data);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		// The token exists only in this answer: it is stored as a hash and never shown again.
		const link = `${url.origin}/join/${created.token}`;
		const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
		return {
			intent: 'create',
			notice: 'invites_created',
			created: {
				id: created.id,
				link,
				label: form.data.label,
				expiresAt: created.expiresAt,
				qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`
			}
		};
	},
	revoke: async ({ request, locals }) => {
		const form = await parseForm(request, inviteIdSchema);
		if (!form.ok) return form.failure;
		try {
			await revokeInvite(locals.ctx, form.data.inviteId);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'revoke', notice: 'invites_revoked' };
	},
	remove: async ({ request, locals }) => {
		const form = await parseForm(request, guestIdSchema);
		if (!form.ok) return form.failure;
		try {
			await removeGuest(locals.ctx, form.data.guestId);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'remove', notice: 'invites_guest_removed' };
	},
	admit: async ({ request, locals }) => {
		const form = await parseForm(request, guestIdSchema);
		if (!form.ok) return form.failure;
		try {
			await decideGuest(locals.ctx, form.data.guestId, 'admit');
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'admit', notice: 'invites_guest_admitted' };
	},
	turnAway: async ({ request, locals }) => {
		const form = await parseForm(request, guestIdSchema);
		if (!form.ok) return form.failure;
		try {
			await decideGuest(locals.ctx, form.data.guestId, 'turnAway');
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'turnAway', notice: 'invites_guest_turned_away' };
	}
};
