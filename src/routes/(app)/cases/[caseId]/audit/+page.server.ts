import { z } from 'zod';
import { listCaseAudit } from '$lib/server/cases';
import { orCaseError } from '../../case-errors';
import type { PageServerLoad } from './$types';

const beforeSchema = z.coerce.number().int().positive().optional().catch(undefined);

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const before = beforeSchema.parse(url.searchParams.get('before') ?? undefined);
	const trail = await orCaseError(listCaseAudit(locals.ctx, params.caseId, { before }));
	return { ...trail, paged: before !== undefined };
};
