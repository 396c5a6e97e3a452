import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLoginLimiter, login } from '$lib/server/auth';
import { caseMembers, cases, organisations, users } from '$lib/server/db/schema';
import { demoAccounts, demoPassword, loadDemo } from '$lib/server/demo';
import { drivers, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('demo deployment on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function countRows() {
		const count = async (
			table: typeof cases | typeof users | typeof organisations | typeof caseMembers
		) => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
		return {
			organisations: await count(organisations),
			accounts: await count(users),
			cases: await count(cases),
			members: await count(caseMembers)
		};
	}

	it('loads five fictional cases, and loading again changes nothing', async () => {
		await loadDemo(t.ctx());
		const first = await countRows();
		expect(first.cases).toBe(5);
		expect(first.accounts).toBe(demoAccounts.length);

		const again = await loadDemo(t.ctx());
		expect(again.added).toBe(0);
		expect(await countRows()).toEqual(first);
	});

	it('gives every demo account the documented password', async () => {
		await loadDemo(t.ctx());
		for (const account of demoAccounts) {
			await expect(
				login(t.ctx(), createLoginLimiter(), { email: account.email, password: demoPassword })
			).resolves.toHaveProperty('token');
		}
	});
});
