import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampColumn } from '../columns';

export const auditOutcomes = ['success', 'denied', 'not_found', 'invalid'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

/**
 * Append-only: a database trigger (see the migrations) refuses UPDATE, DELETE and TRUNCATE.
 * No foreign keys on purpose: the trail outlives the users and cases it mentions.
 */
export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestampColumn('at').notNull().defaultNow(),
		actorId: uuid('actor_id'),
		actorName: text('actor_name'),
		/** The role the actor acted in: a case role, or the deployment role outside a case. */
		actorRole: text('actor_role'),
		caseId: uuid('case_id'),
		action: text('action').notNull(),
		outcome: text('outcome', { enum: auditOutcomes }).notNull(),
		address: text('address'),
		detail: jsonb('detail').$type<Record<string, unknown>>()
	},
	(t) => [index('audit_case_idx').on(t.caseId, t.at), index('audit_at_idx').on(t.at)]
);
