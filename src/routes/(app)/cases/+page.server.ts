import { listMyCases } from '$lib/server/cases';
import { caseFilterSchema } from '$lib/schemas/cases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const filter = caseFilterSchema.parse(Object.fromEntries(url.searchParams));
	const cases = await listMyCases(locals.ctx, filter);
	return {
		cases,
		filter: { q: filter.q ?? '', status: filter.status ?? '', role: filter.role ?? '' },
		filtered: Boolean(filter.q || filter.status || filter.role),
		deleted: url.searchParams.get('deleted') === '1'
	};
};
