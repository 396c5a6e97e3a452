import { parseForm } from '$lib/server/forms';
import { createCategory, listCategories, renameCategory, setCategoryActive } from '$lib/server/lab';
import {
	categoryActiveSchema,
	categoryCreateSchema,
	categoryRenameSchema
} from '$lib/schemas/categories';
import { failOrErrorPage, orErrorPage } from '../capability-errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, parent }) => {
	// Inactive categories are for administrators: the admin layout refuses anyone else first.
	await parent();
	return { categories: await orErrorPage(listCategories(locals.ctx, { includeInactive: true })) };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await parseForm(request, categoryCreateSchema);
		if (!form.ok) return form.failure;
		try {
			await createCategory(locals.ctx, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { intent: 'create', notice: 'category_created' };
	},
	rename: async ({ request, locals }) => {
		const form = await parseForm(request, categoryRenameSchema);
		if (!form.ok) return form.failure;
		try {
			await renameCategory(locals.ctx, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return { intent: 'rename', notice: 'category_renamed' };
	},
	setActive: async ({ request, locals }) => {
		const form = await parseForm(request, categoryActiveSchema);
		if (!form.ok) return form.failure;
		try {
			await setCategoryActive(locals.ctx, form.data);
		} catch (caught) {
			return failOrErrorPage(caught, form.formData);
		}
		return {
			intent: 'setActive',
			notice: form.data.active ? 'category_reactivated' : 'category_deactivated'
		};
	}
};
