import { listCaseAudit } from '$lib/server/cases';
import { lookUpAuditGuests } from '$lib/server/invites';
import { auditFilterSchema } from '$lib/schemas/audit-filter';
import { orCaseError } from '../../case-errors';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const raw = Object.fromEntries(url.searchParams);
	const values = {
		person: raw.person ?? '',
		action: raw.action ?? '',
		from: raw.from ?? '',
		to: raw.to ?? ''
	};
	const parsed = auditFilterSchema.safeParse(raw);
	const errors: Record<string, string> = {};
	if (!parsed.success) {
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
	}
	const filter = parsed.success ? parsed.data : {};
	const trail = await orCaseError(
		listCaseAudit(locals.ctx, params.caseId, {
			person: filter.person || undefined,
			action: filter.action || undefined,
			from: filter.from || undefined,
			to: filter.to || undefined,
			before: filter.before
		})
	);
	// Guests have no account: the trail names them with their organisation and link.
	const guests = await lookUpAuditGuests(locals.ctx, [
		...trail.rows,
		...trail.people.map(({ id }) => ({ actorId: id }))
	]);
	const guestOf = (actorId: string | null) => (actorId && guests.get(actorId)) || null;
	return {
		...trail,
		// A filter that does not parse shows its error and no events rather than all of them.
		rows: parsed.success ? trail.rows.map((row) => ({ ...row, guest: guestOf(row.actorId) })) : [],
		people: trail.people.map((person) => ({ ...person, guest: guestOf(person.id) })),
		nextBefore: parsed.success ? trail.nextBefore : null,
		values,
		errors,
		filtered: Object.values(values).some((value) => value !== ''),
		paged: filter.before !== undefined
	};
};
