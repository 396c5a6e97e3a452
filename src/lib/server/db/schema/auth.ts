import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { deploymentRoles, userKinds } from '../../../schemas/enums';
import { createdAt, id, timestampColumn } from '../columns';
import { organisations } from './organisations';

export {
	deploymentRoles,
	userKinds,
	type DeploymentRole,
	type UserKind
} from '../../../schemas/enums';

/**
 * People who act in the app: professionals with an account (`person`), and guests who came in
 * through an invite link (`guest`: no email, no password, never able to log in; the rest of
 * what they are is in `guests`). Guests are rows here so that everything a person does in a
 * case (presence, hands, proposals, audit) refers to them the same way.
 */
export const users = pgTable(
	'users',
	{
		id: id(),
		kind: text('kind', { enum: userKinds }).notNull().default('person'),
		name: text('name').notNull(),
		/** Stored lower-cased so that uniqueness and login ignore case. Null for guests. */
		email: text('email').unique(),
		organisationId: uuid('organisation_id').references(() => organisations.id, {
			onDelete: 'restrict'
		}),
		role: text('role', { enum: deploymentRoles }).notNull().default('member'),
		passwordHash: text('password_hash'),
		active: boolean('active').notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'users_person_has_login',
			sql`${t.kind} = 'guest' or (${t.email} is not null and ${t.passwordHash} is not null)`
		),
		check(
			'users_guest_has_no_login',
			sql`${t.kind} = 'person' or (${t.email} is null and ${t.passwordHash} is null and ${t.role} = 'member')`
		)
	]
);

/**
 * `users.email` for queries that only read people (kind 'person'), where a check constraint
 * guarantees it: an account's email is never null.
 */
export const personEmail = sql<string>`${users.email}`;

export const sessions = pgTable(
	'sessions',
	{
		/** SHA-256 of the session token; the token itself is only ever in the cookie. */
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The absolute end: login time plus SESSION_MAX_HOURS, never extended. */
		expiresAt: timestampColumn('expires_at').notNull(),
		/** Last request, to at most a minute's precision: idle sessions end after SESSION_IDLE_MINUTES. */
		lastSeenAt: timestampColumn('last_seen_at').notNull().defaultNow(),
		createdAt: createdAt()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);
