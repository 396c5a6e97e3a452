import { integer, jsonb, pgTable, text, uuid, index } from 'drizzle-orm/pg-core';
import { createdAt, id } from '../columns';
import { users } from './auth';
import { cases } from './cases';
import { labSessions } from './lab';

/**
 * The immutable record one ended session leaves behind. A trigger refuses UPDATE, and DELETE
 * unless the case itself is being deleted (see the migrations). One per session.
 */
export const journeyRecords = pgTable(
	'journey_records',
	{
		id: id(),
		sessionId: uuid('session_id')
			.notNull()
			.unique()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		schemaVersion: integer('schema_version').notNull(),
		record: jsonb('record').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('journey_records_case_idx').on(t.caseId, t.createdAt)]
);

/** Dated corrections of a journey record; append-only like the record itself. */
export const journeyAddenda = pgTable(
	'journey_addenda',
	{
		id: id(),
		recordId: uuid('record_id')
			.notNull()
			.references(() => journeyRecords.id, { onDelete: 'cascade' }),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		text: text('text').notNull(),
		authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
		authorName: text('author_name').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('journey_addenda_record_idx').on(t.recordId, t.createdAt)]
);
