import { readAuditTrail } from '$lib/server/audit';
import { auditFilterSchema } from '$lib/schemas/audit-filter';
import { orErrorPage } from '../capability-errors';
import type { PageServerLoad } from './$types';

const pageSize = 50;

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	// Only after the admin layout has let the reader in: reading is recorded.
	await parent();
	const raw = Object.fromEntries(url.searchParams);
	const values = { caseId: raw.caseId ?? '', action: raw.action ?? '' };
	const parsed = auditFilterSchema.safeParse(raw);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
		return { events: [], values, errors, older: null, paged: false };
	}
	const { caseId, action, before } = parsed.data;
	// One more than shown tells whether an older page exists.
	const events = await orErrorPage(
		readAuditTrail(locals.ctx, {
			caseId: caseId || undefined,
			action: action || undefined,
			before,
			limit: pageSize + 1
		})
	);
	const shown = events.slice(0, pageSize);
	const older = events.length > pageSize ? shown[shown.length - 1].id : null;
	return {
		events: shown.map(({ detail: _detail, ...event }) => event),
		values,
		errors: {} as Record<string, string>,
		older,
		paged: before !== undefined
	};
};
