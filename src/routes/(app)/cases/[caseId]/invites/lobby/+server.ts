import { error, json } from '@sveltejs/kit';
import { openInviteScope, selectWaitingGuests } from '$lib/server/invites';
import { orCaseError } from '../../../case-errors';
import { inviteScope } from '../scope';
import type { RequestHandler } from './$types';

/**
 * Who waits in the lobby, for the invites page to poll every few seconds. Only those who may
 * invite get it (a refusal is audited); a successful poll is not, or one open page would write
 * an audit row every few seconds: the page load that shows the lobby first audits its read.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	// The page stayed open while the login session ended: the page sends them to log in.
	if (!locals.actor) error(401, 'Unauthorized');
	const { opened, session } = await orCaseError(
		openInviteScope(locals.ctx, inviteScope(params.caseId, url), 'invite.list')
	);
	const waiting = await selectWaitingGuests(locals.ctx, opened.record.id, session?.id ?? null);
	return json(waiting, { headers: { 'cache-control': 'no-store' } });
};
