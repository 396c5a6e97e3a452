import { notInArray } from 'drizzle-orm';
import type { Ctx } from '../context';
import { cases, organisations, users } from '../db/schema';
import { demoAccounts, demoCases, demoOrganisations } from './data';

/** The database holds data of a real deployment; the demo would mix fictional data into it. */
export class DemoRefused extends Error {
	constructor() {
		super(
			'This database holds organisations, accounts or cases that are not part of the demo. ' +
				'The demo is not loaded into it, so that fictional and real data do not mix. ' +
				'Use another DATA_DIR or DATABASE_URL, or load it anyway with `npm run demo -- --force` ' +
				'(DEMO_FORCE=1).'
		);
		this.name = 'DemoRefused';
	}
}

/**
 * Whether anything in the database is not the demo's. The demo's rows are recognised by their
 * fixed ids: every organisation, account and case the demo creates has one.
 */
export async function holdsNonDemoData(ctx: Ctx): Promise<boolean> {
	const found = await Promise.all([
		ctx.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(
				notInArray(
					organisations.id,
					demoOrganisations.map((o) => o.id)
				)
			)
			.limit(1),
		ctx.db
			.select({ id: users.id })
			.from(users)
			.where(
				notInArray(
					users.id,
					demoAccounts.map((a) => a.id)
				)
			)
			.limit(1),
		ctx.db
			.select({ id: cases.id })
			.from(cases)
			.where(
				notInArray(
					cases.id,
					demoCases.map((c) => c.id)
				)
			)
			.limit(1)
	]);
	return found.some((rows) => rows.length > 0);
}
