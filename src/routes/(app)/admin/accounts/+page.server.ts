import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { createAccount, listAccounts, setAccountActive } from '$lib/server/auth';
import { parseForm } from '$lib/server/forms';
import { listOrganisations } from '$lib/server/organisations';
import { accountSchema } from '$lib/schemas/auth';
import { failOrErrorPage, orErrorPage, throwPageError } from '../capability-errors';
import type { Actions, PageServerLoad } from './$types';

const accountIdSchema = z.object({ accountId: z.uuid() });

export const load: PageServerLoad = async ({ locals, parent }) => {
	await parent(); // the admin layout's refusal must come first: see ../+layout.server.ts
	const [accounts, organisations] = await orErrorPage(
		Promise.all([listAccounts(locals.ctx), listOrganisations(locals.ctx)])
	);
	return {
		accounts,
		organisations: organisations.map(({ id, name }) => ({ id, name })),
		actorId: locals.actor?.id
	};
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await parseForm(request, accountSchema);
		if (!form.ok) return form.failure;
		try {
			await createAccount(locals.ctx, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { success: 'account_created' as const };
	},
	/** Reactivating is harmless; deactivating asks for confirmation on its own page. */
	reactivate: async ({ request, locals }) => {
		const form = await parseForm(request, accountIdSchema);
		if (!form.ok) error(400, 'Bad request');
		try {
			await setAccountActive(locals.ctx, form.data.accountId, true);
		} catch (caught) {
			throwPageError(caught);
			throw caught;
		}
		return { success: 'account_reactivated' as const };
	}
};
