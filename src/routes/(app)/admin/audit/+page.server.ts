import {
	endOfDutchDay,
	foldVisits,
	listAuditActors,
	readAuditTrail,
	startOfDutchDay
} from '$lib/server/audit';
import { lookUpAuditGuests } from '$lib/server/invites';
import { auditFilterSchema } from '$lib/schemas/audit-filter';
import { orErrorPage } from '../capability-errors';
import type { PageServerLoad } from './$types';

const pageSize = 50;

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	// Only after the admin layout has let the reader in: reading is recorded.
	await parent();
	const raw = Object.fromEntries(url.searchParams);
	const values = {
		caseId: raw.caseId ?? '',
		person: raw.person ?? '',
		action: raw.action ?? '',
		from: raw.from ?? '',
		to: raw.to ?? ''
	};
	const actors = await listAuditActors(locals.ctx);
	const actorGuests = await lookUpAuditGuests(
		locals.ctx,
		actors.map(({ id }) => ({ actorId: id }))
	);
	// Guests have no account: the trail names them with their organisation and link.
	const people = actors.map((person) => ({ ...person, guest: actorGuests.get(person.id) ?? null }));
	const parsed = auditFilterSchema.safeParse(raw);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
		return { rows: [], values, errors, people, older: null, paged: false };
	}
	const { caseId, person, action, from, to, before } = parsed.data;
	// One more than shown tells whether an older page exists.
	const events = await orErrorPage(
		readAuditTrail(locals.ctx, {
			caseId: caseId || undefined,
			actorId: person || undefined,
			action: action || undefined,
			from: from ? startOfDutchDay(from) : undefined,
			to: to ? endOfDutchDay(to) : undefined,
			before,
			limit: pageSize + 1
		})
	);
	const shown = events.slice(0, pageSize);
	const older = events.length > pageSize ? shown[shown.length - 1].id : null;
	const guests = await lookUpAuditGuests(locals.ctx, shown);
	const guestOf = (actorId: string | null) => (actorId && guests.get(actorId)) || null;
	return {
		// Details stay on the server, but for what a live visit changed.
		rows: foldVisits(shown).map((row) => {
			if (row.kind === 'visit') return { ...row, guest: guestOf(row.actorId) };
			const { detail: _detail, ...event } = row;
			return { ...event, guest: guestOf(event.actorId) };
		}),
		values,
		errors: {} as Record<string, string>,
		people,
		older,
		paged: before !== undefined
	};
};
