import { asc, eq, sql } from 'drizzle-orm';
import type { OrganisationKind } from '../../schemas/enums';
import { requireAdmin } from '../auth';
import type { Ctx } from '../context';
import { organisations, users } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { isUuid } from './ids';

export type Organisation = {
	id: string;
	name: string;
	kind: OrganisationKind;
	/** Every account of the organisation, active or not. */
	accountCount: number;
};

/** All organisations by name, for any signed-in professional (names are not sensitive). */
export async function listOrganisations(ctx: Ctx): Promise<Organisation[]> {
	if (!ctx.actor) throw forbidden();
	return ctx.db
		.select({
			id: organisations.id,
			name: organisations.name,
			kind: organisations.kind,
			accountCount: sql<number>`count(${users.id})::int`
		})
		.from(organisations)
		.leftJoin(users, eq(users.organisationId, organisations.id))
		.groupBy(organisations.id)
		.orderBy(sql`lower(${organisations.name})`, asc(organisations.name));
}

export async function getOrganisation(ctx: Ctx, id: string): Promise<Organisation> {
	requireAdmin(ctx);
	if (!isUuid(id)) throw notFound();
	const [row] = await ctx.db
		.select({
			id: organisations.id,
			name: organisations.name,
			kind: organisations.kind,
			accountCount: sql<number>`count(${users.id})::int`
		})
		.from(organisations)
		.leftJoin(users, eq(users.organisationId, organisations.id))
		.where(eq(organisations.id, id))
		.groupBy(organisations.id);
	if (!row) throw notFound();
	return row;
}
