import { getAccount, setAccountActive, setAccountPassword, updateAccount } from '$lib/server/auth';
import { parseForm } from '$lib/server/forms';
import { listOrganisations } from '$lib/server/organisations';
import { accountUpdateSchema, passwordResetSchema } from '$lib/schemas/auth';
import { failOrErrorPage, orErrorPage, throwPageError } from '../../capability-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	await parent(); // the admin layout's refusal must come first: see ../../+layout.server.ts
	const [account, organisations] = await orErrorPage(
		Promise.all([getAccount(locals.ctx, params.accountId), listOrganisations(locals.ctx)])
	);
	return {
		account,
		organisations: organisations.map(({ id, name }) => ({ id, name })),
		isSelf: account.id === locals.actor?.id
	};
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const form = await parseForm(request, accountUpdateSchema);
		if (!form.ok) return form.failure;
		try {
			await updateAccount(locals.ctx, params.accountId, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { success: 'account_updated' as const };
	},
	password: async ({ request, locals, params }) => {
		const form = await parseForm(request, passwordResetSchema);
		if (!form.ok) return form.failure;
		try {
			await setAccountPassword(locals.ctx, params.accountId, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { success: 'account_password_set' as const };
	},
	reactivate: async ({ locals, params }) => {
		try {
			await setAccountActive(locals.ctx, params.accountId, true);
		} catch (caught) {
			throwPageError(caught);
			throw caught;
		}
		return { success: 'account_reactivated' as const };
	}
};
