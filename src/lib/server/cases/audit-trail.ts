import { listAuditEvents, type AuditEvent } from '$lib/server/audit';
import type { Ctx } from '../context';
import { auditCase, openCase } from './access';

export type CaseAuditTrail = {
	case: { id: string; code: string; title: string };
	events: AuditEvent[];
	/** The id to pass as `before` for the next, older page; null on the last page. */
	nextBefore: number | null;
};

const pageSize = 100;

/** The audit trail of one case, newest first; owners only. */
export async function listCaseAudit(
	ctx: Ctx,
	caseId: string,
	options: { before?: number } = {}
): Promise<CaseAuditTrail> {
	const opened = await openCase(ctx, caseId, 'readAudit', 'case.audit.read');
	const { id, code, title } = opened.record;
	const events = await listAuditEvents(ctx, {
		caseId: id,
		before: options.before,
		limit: pageSize + 1
	});
	const page = events.slice(0, pageSize);
	await auditCase(
		ctx,
		opened,
		'case.audit.read',
		options.before ? { before: options.before } : undefined
	);
	return {
		case: { id, code, title },
		events: page,
		nextBefore: events.length > pageSize ? page[page.length - 1].id : null
	};
}
