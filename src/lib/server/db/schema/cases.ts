import { index, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { caseRoles, caseStatuses } from '../../../schemas/enums';
import { createdAt, id, timestampColumn } from '../columns';
import { users } from './auth';

export { caseRoles, caseStatuses, type CaseRole, type CaseStatus } from '../../../schemas/enums';

export const cases = pgTable('cases', {
	id: id(),
	/** Pseudonym such as "Gezin K-17"; never a name or a BSN. */
	code: text('code').notNull().unique(),
	title: text('title').notNull(),
	municipality: text('municipality').notNull(),
	composition: text('composition').notNull().default(''),
	status: text('status', { enum: caseStatuses }).notNull().default('open'),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt(),
	updatedAt: timestampColumn('updated_at').notNull().defaultNow(),
	closedAt: timestampColumn('closed_at')
});

export const caseMembers = pgTable(
	'case_members',
	{
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: caseRoles }).notNull(),
		addedAt: createdAt(),
		/**
		 * Index into the presence palette (`$lib/protocol/presence`), kept for the membership so a
		 * person's caret has one colour in the case; a database trigger gives a new member the
		 * least used index among the case's members.
		 */
		presenceColour: smallint('presence_colour')
	},
	(t) => [
		primaryKey({ columns: [t.caseId, t.userId] }),
		index('case_members_user_idx').on(t.userId)
	]
);
