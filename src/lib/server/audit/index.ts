import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Ctx } from '../context';
import { auditEvents, type AuditOutcome } from '../db/schema';

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
	await ctx.db.insert(auditEvents).values({
		at: ctx.clock(),
		actorId: ctx.actor?.id ?? null,
		actorName: ctx.actor?.name ?? null,
		actorRole: entry.actorRole ?? ctx.actor?.role ?? null,
		caseId: entry.caseId ?? null,
		action: entry.action,
		outcome: entry.outcome,
		address: ctx.address,
		detail: entry.detail ?? null
	});
}

export type AuditQuery = { caseId?: string; before?: number; limit?: number };

/** Newest first; `before` pages on by event id. */
export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditEvent[]> {
	const conditions: SQL[] = [];
	if (query.caseId) conditions.push(eq(auditEvents.caseId, query.caseId));
	if (query.before) conditions.push(lt(auditEvents.id, query.before));
	return ctx.db
		.select()
		.from(auditEvents)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditEvents.id))
		.limit(Math.min(query.limit ?? 100, 500));
}
