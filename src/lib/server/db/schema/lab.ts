import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import {
	observationKinds,
	presenceStatuses,
	proposalStatuses,
	sessionStatuses,
	type AgendaStep
} from '../../../protocol/lab';
import { createdAt, id, timestampColumn } from '../columns';
import { organisations } from './organisations';
import { users } from './auth';
import { cases } from './cases';
import { documentVersions } from './collab';

// Everything of a session belongs to its case: deleting the case deletes it (journey records too).

/** Observation categories, editable by administrators; seeded by the migration. */
export const labCategories = pgTable(
	'lab_categories',
	{
		id: id(),
		kind: text('kind', { enum: observationKinds }).notNull(),
		label: text('label').notNull(),
		active: boolean('active').notNull().default(true),
		position: integer('position').notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('lab_categories_kind_label_idx').on(t.kind, t.label)]
);

/** Agendas saved for reuse across the deployment. */
export const labAgendaTemplates = pgTable('lab_agenda_templates', {
	id: id(),
	name: text('name').notNull().unique(),
	steps: jsonb('steps').$type<AgendaStep[]>().notNull(),
	createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
	createdAt: createdAt()
});

export const labSessions = pgTable(
	'lab_sessions',
	{
		id: id(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		goal: text('goal').notNull().default(''),
		scheduledAt: timestampColumn('scheduled_at').notNull(),
		status: text('status', { enum: sessionStatuses }).notNull().default('planned'),
		facilitatorId: uuid('facilitator_id').references(() => users.id, { onDelete: 'set null' }),
		scribeId: uuid('scribe_id').references(() => users.id, { onDelete: 'set null' }),
		/** Index into the steps by position; null until started. */
		currentStep: integer('current_step'),
		/** Bumped by every change, so clients can drop an event older than what they hold. */
		revision: integer('revision').notNull().default(0),
		startedAt: timestampColumn('started_at'),
		endedAt: timestampColumn('ended_at'),
		startVersionId: uuid('start_version_id').references(() => documentVersions.id, {
			onDelete: 'set null'
		}),
		endVersionId: uuid('end_version_id').references(() => documentVersions.id, {
			onDelete: 'set null'
		}),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [index('lab_sessions_case_idx').on(t.caseId, t.scheduledAt)]
);

/**
 * One agenda step. The timer is stored as times, never as a ticking counter: running →
 * `timerEndsAt`; paused or idle → `timerRemainingMs` (null while idle: the timebox).
 */
export const labSteps = pgTable(
	'lab_steps',
	{
		id: id(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		minutes: integer('minutes').notNull(),
		timerEndsAt: timestampColumn('timer_ends_at'),
		timerRemainingMs: bigint('timer_remaining_ms', { mode: 'number' }),
		/** Time this step was the current one, up to `enteredAt` when it is current now. */
		spentMs: bigint('spent_ms', { mode: 'number' }).notNull().default(0),
		enteredAt: timestampColumn('entered_at')
	},
	(t) => [uniqueIndex('lab_steps_session_position_idx').on(t.sessionId, t.position)]
);

/** Who is in the session; time present accumulates in `presentMs` up to `presentSince`. */
export const labPresence = pgTable(
	'lab_presence',
	{
		sessionId: uuid('session_id')
			.notNull()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: presenceStatuses }).notNull(),
		presentMs: bigint('present_ms', { mode: 'number' }).notNull().default(0),
		presentSince: timestampColumn('present_since'),
		firstJoinedAt: timestampColumn('first_joined_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.sessionId, t.userId] })]
);

/** Raised hands, in the order raised; a hand is lowered by its owner or taken by the facilitator. */
export const labHands = pgTable(
	'lab_hands',
	{
		id: id(),
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		raisedAt: timestampColumn('raised_at').notNull(),
		closedAt: timestampColumn('closed_at'),
		outcome: text('outcome', { enum: ['lowered', 'taken'] })
	},
	(t) => [
		uniqueIndex('lab_hands_one_open_idx')
			.on(t.sessionId, t.userId)
			.where(sql`${t.closedAt} is null`)
	]
);

export const labObservations = pgTable(
	'lab_observations',
	{
		id: id(),
		/** Commit order: several may share a timestamp. */
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: observationKinds }).notNull(),
		text: text('text').notNull(),
		categoryId: uuid('category_id')
			.notNull()
			.references(() => labCategories.id, { onDelete: 'restrict' }),
		planItemId: text('plan_item_id'),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'set null'
		}),
		raisedById: uuid('raised_by_id').references(() => users.id, { onDelete: 'set null' }),
		raisedByName: text('raised_by_name').notNull(),
		recordedById: uuid('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
		recordedByName: text('recorded_by_name').notNull(),
		boardRow: text('board_row'),
		boardColumn: text('board_column'),
		createdAt: createdAt()
	},
	(t) => [index('lab_observations_session_idx').on(t.sessionId, t.seq)]
);

export const labProposals = pgTable(
	'lab_proposals',
	{
		id: id(),
		seq: bigserial('seq', { mode: 'number' }).notNull(),
		sessionId: uuid('session_id')
			.notNull()
			.references(() => labSessions.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: observationKinds }).notNull(),
		text: text('text').notNull(),
		categoryId: uuid('category_id')
			.notNull()
			.references(() => labCategories.id, { onDelete: 'restrict' }),
		planItemId: text('plan_item_id'),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'set null'
		}),
		raisedById: uuid('raised_by_id').references(() => users.id, { onDelete: 'set null' }),
		raisedByName: text('raised_by_name').notNull(),
		proposedById: uuid('proposed_by_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		status: text('status', { enum: proposalStatuses }).notNull().default('pending'),
		observationId: uuid('observation_id').references(() => labObservations.id, {
			onDelete: 'set null'
		}),
		note: text('note'),
		resolvedById: uuid('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
		resolvedAt: timestampColumn('resolved_at'),
		createdAt: createdAt()
	},
	(t) => [index('lab_proposals_session_idx').on(t.sessionId, t.seq)]
);

/**
 * One row per command an actor sent with an idempotency key, written in the command's own
 * transaction: a retry finds it and gets the stored result instead of a second effect.
 */
export const labCommands = pgTable(
	'lab_commands',
	{
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		actorId: uuid('actor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		command: text('command').notNull(),
		result: jsonb('result'),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.caseId, t.actorId, t.key] })]
);
