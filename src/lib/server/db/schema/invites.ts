import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { guestRoles, guestStatuses } from '../../../schemas/enums';
import { createdAt, id, timestampColumn } from '../columns';
import { users } from './auth';
import { cases } from './cases';
import { labSessions } from './lab';

export {
	guestRoles,
	guestStatuses,
	type GuestRole,
	type GuestStatus
} from '../../../schemas/enums';

/**
 * A link that lets people without an account into one case, or into one session of it. Only the
 * SHA-256 of its token is stored; the token is shown once, to the person who made it.
 */
export const invites = pgTable(
	'invites',
	{
		id: id(),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		/** Null: the whole case. Otherwise only this session, and only until it ends. */
		sessionId: uuid('session_id').references(() => labSessions.id, { onDelete: 'cascade' }),
		role: text('role', { enum: guestRoles }).notNull(),
		label: text('label').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		expiresAt: timestampColumn('expires_at').notNull(),
		maxUses: integer('max_uses').notNull(),
		uses: integer('uses').notNull().default(0),
		/** Guests come in at once instead of waiting in the lobby for a facilitator. */
		admitAtOnce: boolean('admit_at_once').notNull().default(false),
		createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		revokedAt: timestampColumn('revoked_at'),
		revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' })
	},
	(t) => [
		index('invites_case_idx').on(t.caseId, t.createdAt),
		check('invites_uses_within_max', sql`${t.uses} >= 0 and ${t.uses} <= ${t.maxUses}`),
		check('invites_max_uses_positive', sql`${t.maxUses} >= 1`)
	]
);

/**
 * Someone who came in through an invite: their user row (kind 'guest') holds the name, this row
 * the rest. A guest is never in case_members: while admitted, their role in the case is the
 * invite's (cases/access.ts). The row stays when their access ends, as the history of who joined
 * through which link.
 */
export const guests = pgTable(
	'guests',
	{
		userId: uuid('user_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		inviteId: uuid('invite_id')
			.notNull()
			.references(() => invites.id, { onDelete: 'cascade' }),
		caseId: uuid('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		sessionId: uuid('session_id').references(() => labSessions.id, { onDelete: 'cascade' }),
		/** As the guest typed it: an agency, or "familie". */
		organisation: text('organisation').notNull(),
		/** SHA-256 of the token in the guest's cookie. */
		tokenHash: text('token_hash').notNull().unique(),
		status: text('status', { enum: guestStatuses }).notNull(),
		joinedAt: timestampColumn('joined_at').notNull(),
		admittedAt: timestampColumn('admitted_at'),
		decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
		endedAt: timestampColumn('ended_at')
	},
	(t) => [
		index('guests_invite_idx').on(t.inviteId, t.joinedAt),
		index('guests_case_idx').on(t.caseId, t.status)
	]
);
