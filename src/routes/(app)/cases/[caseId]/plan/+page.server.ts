import { toBase64 } from 'lib0/buffer';
import { auditCase, openCase } from '$lib/server/cases';
import { getCurrentState } from '$lib/server/collab';
import { orCaseError } from '../../case-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const opened = await orCaseError(openCase(locals.ctx, params.caseId, 'read', 'case.plan.open'));
	// The page shows the stored case at once; the live document takes over when it has synced.
	const storedState = toBase64(await getCurrentState(locals.ctx, opened.record.id));
	await auditCase(locals.ctx, opened, 'case.plan.open');
	const actor = locals.actor!;
	return {
		case: { id: opened.record.id, code: opened.record.code, title: opened.record.title },
		role: opened.role,
		/** Guests see only this page: no links out, and no offline copy in their browser. */
		guest: actor.kind === 'guest',
		readOnly: !opened.rights.edit,
		storedState,
		user: {
			id: actor.id,
			name: actor.name,
			organisation: actor.organisationName,
			color: opened.presenceColour
		}
	};
};
