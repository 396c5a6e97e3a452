import { auditCase, openCase } from '$lib/server/cases';
import { orCaseError } from '../../case-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const opened = await orCaseError(openCase(locals.ctx, params.caseId, 'read', 'case.plan.open'));
	await auditCase(locals.ctx, opened, 'case.plan.open');
	const actor = locals.actor!;
	return {
		case: { id: opened.record.id, code: opened.record.code, title: opened.record.title },
		role: opened.role,
		readOnly: !opened.rights.edit,
		user: {
			id: actor.id,
			name: actor.name,
			organisation: actor.organisationName,
			color: opened.presenceColour
		}
	};
};
