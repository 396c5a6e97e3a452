import { and, asc, desc, eq, gte, isNotNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import { auditEvents, type AuditOutcome } from '../db/schema';
import { forbidden } from '../errors';

export type AuditEntry = {
	action: string;
	outcome: AuditOutcome;
	caseId?: string | null;
	/** The role the actor acted in; defaults to their deployment role. */
	actorRole?: string | null;
	detail?: Record<string, unknown>;
};

export type AuditEvent = typeof auditEvents.$inferSelect;

/** Appends one event to the audit trail. Never updates or deletes. */
export async function recordAudit(ctx: Ctx, entry: AuditEntry): Promise<void> {
	const actor = ctx.actor;
	// A guest's every entry names the invite they came through.
	const detail =
		actor?.kind === 'guest'
			? {
					...entry.detail,
					guest: { inviteId: actor.guest.inviteId, organisation: actor.organisationName }
				}
			: entry.detail;
	await ctx.db.insert(auditEvents).values({
		at: ctx.clock(),
		actorId: actor?.id ?? null,
		actorName: actor?.name ?? null,
		actorRole: entry.actorRole ?? actor?.role ?? null,
		caseId: entry.caseId ?? null,
		action: entry.action,
		outcome: entry.outcome,
		address: ctx.address,
		detail: detail ?? null
	});
}

/**
 * `action` matches itself and its dotted children: 'organisation' finds 'organisation.create'.
 * `actorId` is who acted; `from` (inclusive) and `to` (exclusive) bound the time.
 */
export type AuditQuery = {
	caseId?: string;
	action?: string;
	actorId?: string;
	from?: Date;
	to?: Date;
	before?: number;
	limit?: number;
};

const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** Newest first; `before` pages on by event id. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditEvent[]> {
	const conditions: SQL[] = [];
	if (query.caseId) conditions.push(eq(auditEvents.caseId, query.caseId));
	if (query.action) {
		conditions.push(
			or(
				eq(auditEvents.action, query.action),
				like(auditEvents.action, `${escapeLike(query.action)}.%`)
			)!
		);
	}
	if (query.actorId) conditions.push(eq(auditEvents.actorId, query.actorId));
	if (query.from) conditions.push(gte(auditEvents.at, query.from));
	if (query.to) conditions.push(lt(auditEvents.at, query.to));
	if (query.before) conditions.push(lt(auditEvents.id, query.before));
	return ctx.db
		.select()
		.from(auditEvents)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditEvents.id))
		.limit(Math.min(query.limit ?? 100, 500));
}

/**
 * The deployment-wide trail for administrators. Reading it is itself recorded, with the case
 * when the reader filtered on one.
 */
export async function readAuditTrail(ctx: Ctx, query: AuditQuery): Promise<AuditEvent[]> {
	if (ctx.actor?.role !== 'admin') throw forbidden();
	const events = await listAuditEvents(ctx, query);
	await recordAudit(ctx, {
		action: 'audit.read',
		outcome: 'success',
		caseId: query.caseId ?? null,
		detail: {
			action: query.action ?? null,
			actorId: query.actorId ?? null,
			from: query.from?.toISOString() ?? null,
			to: query.to?.toISOString() ?? null,
			before: query.before ?? null
		}
	});
	return events;
}

/** Everyone who appears in the trail (of one case, when given), by name: for a filter. */
export function listAuditActors(
	ctx: Ctx,
	query: { caseId?: string } = {}
): Promise<{ id: string; name: string }[]> {
	const conditions = [isNotNull(auditEvents.actorId), isNotNull(auditEvents.actorName)];
	if (query.caseId) conditions.push(eq(auditEvents.caseId, query.caseId));
	return ctx.db
		.selectDistinct({ id: auditEvents.actorId, name: auditEvents.actorName })
		.from(auditEvents)
		.where(and(...conditions))
		.orderBy(asc(auditEvents.actorName), asc(auditEvents.actorId)) as Promise<
		{ id: string; name: string }[]
	>;
}

/** The actions that appear in the trail of one case, for a filter. */
export async function listCaseAuditActions(ctx: Ctx, caseId: string): Promise<string[]> {
	const rows = await ctx.db
		.selectDistinct({ action: auditEvents.action })
		.from(auditEvents)
		.where(eq(auditEvents.caseId, caseId))
		.orderBy(asc(auditEvents.action));
	return rows.map((row) => row.action);
}

export { foldVisits, type AuditRow, type AuditVisit } from './visits';
export { startOfDutchDay, endOfDutchDay } from './period';
