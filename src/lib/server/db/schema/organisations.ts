import { pgTable, text } from 'drizzle-orm/pg-core';
import { organisationKinds } from '../../../schemas/enums';
import { createdAt, id } from '../columns';

export { organisationKinds, type OrganisationKind } from '../../../schemas/enums';

export const organisations = pgTable('organisations', {
	id: id(),
	name: text('name').notNull().unique(),
	kind: text('kind', { enum: organisationKinds }).notNull(),
	createdAt: createdAt()
});
