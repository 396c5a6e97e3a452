import { bigint, bigserial, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, timestampColumn } from '../columns';
import { users } from './auth';
import { cases } from './cases';

// Every live document belongs to a case: deleting the case deletes its documents.

/** Append-only log of accepted Yjs updates, per document, in commit order. */
export const documentUpdates = pgTable(
	'document_updates',
	{
		seq: bigserial('seq', { mode: 'number' }).primaryKey(),
		documentName: text('document_name').notNull(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		update: bytea('update').notNull(),
		createdAt: createdAt()
	},
	(t) => [index('document_updates_document_seq_idx').on(t.documentName, t.seq)]
);

/** The merged log up to and including `upToSeq`; compaction replaces those rows by this. */
export const documentSnapshots = pgTable('document_snapshots', {
	documentName: text('document_name').primaryKey(),
	caseId: uuid('case_id')
		.notNull()
		.references(() => cases.id, { onDelete: 'cascade' }),
	state: bytea('state').notNull(),
	upToSeq: bigint('up_to_seq', { mode: 'number' }).notNull(),
	updatedAt: timestampColumn('updated_at').notNull().defaultNow()
});

export const versionReasons = [
	'manual',
	'lab_session_start',
	'lab_session_end',
	'before_restore'
] as const;
export type VersionReason = (typeof versionReasons)[number];

/** A named, read-only copy of a document's whole state at one moment. */
export const documentVersions = pgTable(
	'document_versions',
	{
		id: id(),
		documentName: text('document_name').notNull(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		label: text('label').notNull(),
		reason: text('reason', { enum: versionReasons }).notNull(),
		state: bytea('state').notNull(),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('document_versions_document_idx').on(t.documentName, t.createdAt)]
);
