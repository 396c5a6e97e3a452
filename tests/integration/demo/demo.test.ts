import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoginLimiter, login } from '$lib/server/auth';
import {
	getCurrentState,
	getVersion,
	LiveDocuments,
	listVersions,
	prepareCaseDocument,
	readCaseContent
} from '$lib/server/collab';
import { auditEvents, caseMembers, cases, organisations, users } from '$lib/server/db/schema';
import { demoAccounts, demoPassword, DemoRefused, loadDemo } from '$lib/server/demo';
import { demoCases } from '$lib/server/demo/data';
import { insertActor } from '../../helpers/actors';
import { drivers, silentLog, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('demo deployment on %s', (driver) => {
	const t = useTestDatabase(driver);
	let documents: LiveDocuments | undefined;
	afterEach(async () => {
		await documents?.close();
		documents = undefined;
	});
	const liveDocuments = () =>
		(documents = new LiveDocuments(t.database.db, silentLog, { prepare: prepareCaseDocument }));

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
		await loadDemo(t.ctx(), liveDocuments());
		const first = await countRows();
		const firstContent = await Promise.all(
			demoCases.map(async (c) => readCaseContent(await getCurrentState(t.ctx(), c.id)))
		);
		expect(first.cases).toBe(5);
		expect(first.accounts).toBe(demoAccounts.length);

		const again = await loadDemo(t.ctx(), liveDocuments());
		expect(again).toEqual({ added: 0, casesFilled: 0 });
		expect(await countRows()).toEqual(first);
		for (const [i, c] of demoCases.entries()) {
			expect(readCaseContent(await getCurrentState(t.ctx(), c.id))).toEqual(firstContent[i]);
		}
	});

	it('gives every demo account the documented password', async () => {
		await loadDemo(t.ctx(), liveDocuments());
		for (const account of demoAccounts) {
			await expect(
				login(t.ctx(), createLoginLimiter(), { email: account.email, password: demoPassword })
			).resolves.toHaveProperty('token');
		}
	});

	it('fills every case like a case meeting midway: narrative, doorbraak, plan, scores, versions, audit', async () => {
		await loadDemo(t.ctx(), liveDocuments());
		const statuses = new Set<string>();
		for (const demoCase of demoCases) {
			const content = readCaseContent(await getCurrentState(t.ctx(), demoCase.id));
			expect(content.narrative.filter((block) => block.text.length > 40).length).toBeGreaterThan(2);
			expect(content.breakthroughText.length).toBeGreaterThan(40);
			expect(content.breakthrough.agreedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(content.planItems.length).toBeGreaterThanOrEqual(3);
			for (const item of content.planItems) {
				expect(item.action).not.toBe('');
				expect(item.organisation).not.toBe('');
				expect(item.legalBasis).not.toBe('');
				statuses.add(item.status);
			}
			const scores = Object.entries(content.lifeDomains).filter(([key]) => key.endsWith('.score'));
			expect(scores).toHaveLength(13);
			expect(content.lifeDomains['financien.note']).not.toBe('');

			const versions = await listVersions(t.ctx(), demoCase.id);
			expect(versions.length).toBeGreaterThanOrEqual(2);
			const [newest, oldest] = [versions[0], versions.at(-1)!];
			expect(newest.createdByName).not.toBeNull();
			const contentOf = async (id: string) =>
				readCaseContent((await getVersion(t.ctx(), demoCase.id, id)).state);
			expect(await contentOf(newest.id)).not.toEqual(await contentOf(oldest.id));
			// The version saved first is the one that was saved earliest: weeks ago, not at load.
			expect(oldest.createdAt.getTime()).toBeLessThan(Date.now() - 7 * 24 * 3600_000);

			const trail = await t.database.db
				.select({
					action: auditEvents.action,
					actorName: auditEvents.actorName,
					at: auditEvents.at
				})
				.from(auditEvents)
				.where(and(eq(auditEvents.caseId, demoCase.id), eq(auditEvents.outcome, 'success')));
			const actions = new Set(trail.map((row) => row.action));
			expect(actions).toEqual(
				new Set([
					'case.plan.open',
					'case.collab.connect',
					'case.collab.disconnect',
					'case.version.save'
				])
			);
			expect(new Set(trail.map((row) => row.actorName)).size).toBeGreaterThanOrEqual(2);
		}
		expect(statuses).toEqual(
			new Set(['concept', 'ingediend', 'goedgekeurd', 'afgewezen', 'uitgevoerd'])
		);
	});

	it('refuses a database with real data, and loads into it only when forced', async () => {
		await insertActor(t.ctx(), { name: 'Echte Beheerder', role: 'admin' });

		await expect(loadDemo(t.ctx(), liveDocuments())).rejects.toBeInstanceOf(DemoRefused);
		expect((await countRows()).cases).toBe(0);
		const [refusal] = await t.database.db
			.select({ outcome: auditEvents.outcome })
			.from(auditEvents)
			.where(eq(auditEvents.action, 'demo.load'));
		expect(refusal.outcome).toBe('denied');

		await loadDemo(t.ctx(), liveDocuments(), { force: true });
		expect((await countRows()).cases).toBe(5);
	});
});
