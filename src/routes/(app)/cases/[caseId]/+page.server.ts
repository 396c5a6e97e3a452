import { redirect } from '@sveltejs/kit';
import {
	addMember,
	changeMemberRole,
	closeCase,
	deleteCase,
	getCase,
	listMemberCandidates,
	removeMember,
	reopenCase,
	updateCase
} from '$lib/server/cases';
import { parseForm } from '$lib/server/forms';
import { listSessions } from '$lib/server/lab';
import {
	addMemberSchema,
	caseSchema,
	deleteCaseSchema,
	memberRoleSchema,
	removeMemberSchema
} from '$lib/schemas/cases';
import { failOrCaseError, orCaseError, throwCaseError } from '../case-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const { members, ...details } = await orCaseError(getCase(locals.ctx, params.caseId));
	const candidates = details.rights.manageMembers
		? await orCaseError(listMemberCandidates(locals.ctx, details.id))
		: [];
	const sessions = await orCaseError(listSessions(locals.ctx, details.id));
	return { case: details, members, candidates, me: locals.actor!.id, sessions };
};

/** Every form on the page posts its `intent`, so the page shows errors and notices at that form. */
export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await parseForm(request, caseSchema);
		if (!form.ok) return form.failure;
		try {
			await updateCase(locals.ctx, params.caseId, form.data);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'update', notice: 'case_updated' };
	},
	close: async ({ locals, params }) => {
		await closeCase(locals.ctx, params.caseId).catch(rethrowAsPage);
		return { intent: 'status', notice: 'case_closed_notice' };
	},
	reopen: async ({ locals, params }) => {
		await reopenCase(locals.ctx, params.caseId).catch(rethrowAsPage);
		return { intent: 'status', notice: 'case_reopened_notice' };
	},
	addMember: async ({ request, locals, params }) => {
		const form = await parseForm(request, addMemberSchema);
		if (!form.ok) return form.failure;
		try {
			await addMember(locals.ctx, params.caseId, form.data);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'addMember', notice: 'member_added' };
	},
	changeRole: async ({ request, locals, params }) => {
		const form = await parseForm(request, memberRoleSchema);
		if (!form.ok) return form.failure;
		try {
			await changeMemberRole(locals.ctx, params.caseId, form.data.userId, form.data.role);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		return { intent: 'members', notice: 'member_role_changed' };
	},
	removeMember: async ({ request, locals, params }) => {
		const form = await parseForm(request, removeMemberSchema);
		if (!form.ok) return form.failure;
		try {
			await removeMember(locals.ctx, params.caseId, form.data.userId);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		// An owner who removed themselves can no longer see the case.
		if (form.data.userId === locals.actor?.id) redirect(303, '/cases');
		return { intent: 'members', notice: 'member_removed' };
	},
	delete: async ({ request, locals, params }) => {
		const form = await parseForm(request, deleteCaseSchema);
		if (!form.ok) return form.failure;
		try {
			await deleteCase(locals.ctx, params.caseId, form.data);
		} catch (error) {
			return failOrCaseError(error, form.formData);
		}
		redirect(303, '/cases?deleted=1');
	}
};

function rethrowAsPage(error: unknown): never {
	throwCaseError(error);
	throw error;
}
