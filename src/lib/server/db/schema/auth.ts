import { boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { deploymentRoles } from '../../../schemas/enums';
import { createdAt, id, timestampColumn } from '../columns';
import { organisations } from './organisations';

export { deploymentRoles, type DeploymentRole } from '../../../schemas/enums';

export const users = pgTable('users', {
	id: id(),
	name: text('name').notNull(),
	/** Stored lower-cased so that uniqueness and login ignore case. */
	email: text('email').notNull().unique(),
	organisationId: uuid('organisation_id').references(() => organisations.id, {
		onDelete: 'restrict'
	}),
	role: text('role', { enum: deploymentRoles }).notNull().default('member'),
	passwordHash: text('password_hash').notNull(),
	active: boolean('active').notNull().default(true),
	createdAt: createdAt()
});

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
