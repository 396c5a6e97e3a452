import { redirect } from '@sveltejs/kit';
import { getAccount, setAccountActive } from '$lib/server/auth';
import { failOrErrorPage, orErrorPage } from '../../../capability-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, parent }) => {
	await parent(); // the admin layout's refusal must come first: see ../../../+layout.server.ts
	const account = await orErrorPage(getAccount(locals.ctx, params.accountId));
	return { account, isSelf: account.id === locals.actor?.id };
};

export const actions: Actions = {
	/** The second step of deactivating: this page is the confirmation. */
	default: async ({ request, locals, params }) => {
		const formData = await request.formData();
		try {
			await setAccountActive(locals.ctx, params.accountId, false);
		} catch (caught) {
			return failOrErrorPage(caught, formData);
		}
		redirect(303, '/admin/accounts?deactivated=1');
	}
};
