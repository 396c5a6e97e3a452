import {
	endOfDutchDay,
	foldVisits,
	listAuditActors,
	listAuditEvents,
	listCaseAuditActions,
	startOfDutchDay,
	type AuditRow
} from '$lib/server/audit';
import type { Ctx } from '../context';
import { auditCase, openCase } from './access';

export type CaseAuditFilter = {
	/** Who acted (an account id). */
	person?: string;
	/** An action, or a dotted prefix of actions. */
	action?: string;
	/** First and last calendar day, YYYY-MM-DD in Dutch time, inclusive. */
	from?: string;
	to?: string;
	before?: number;
};

export type CaseAuditTrail = {
	case: { id: string; code: string; title: string };
	/** Newest first; live sessions folded into one row per visit. */
	rows: AuditRow[];
	/** The id to pass as `before` for the next, older page; null on the last page. */
	nextBefore: number | null;
	/** Everyone and every action in the case's trail, for the filters. */
	people: { id: string; name: string }[];
	actions: string[];
};

const pageSize = 100;

/** The audit trail of one case, newest first, filtered; owners only. */
export async function listCaseAudit(
	ctx: Ctx,
	caseId: string,
	filter: CaseAuditFilter = {}
): Promise<CaseAuditTrail> {
	const opened = await openCase(ctx, caseId, 'readAudit', 'case.audit.read');
	const { id, code, title } = opened.record;
	const [events, people, actions] = await Promise.all([
		listAuditEvents(ctx, {
			caseId: id,
			actorId: filter.person,
			action: filter.action,
			from: filter.from ? startOfDutchDay(filter.from) : undefined,
			to: filter.to ? endOfDutchDay(filter.to) : undefined,
			before: filter.before,
			limit: pageSize + 1
		}),
		listAuditActors(ctx, { caseId: id }),
		listCaseAuditActions(ctx, id)
	]);
	const page = events.slice(0, pageSize);
	const used = Object.entries(filter).filter(([, value]) => value !== undefined && value !== '');
	await auditCase(
		ctx,
		opened,
		'case.audit.read',
		used.length ? Object.fromEntries(used) : undefined
	);
	return {
		case: { id, code, title },
		rows: foldVisits(page),
		nextBefore: events.length > pageSize ? page[page.length - 1].id : null,
		people,
		actions
	};
}
