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
import type { Actor } from '$lib/server/context';
import {
	auditEvents,
	caseMembers,
	cases,
	journeyRecords,
	labSessions,
	organisations,
	users
} from '$lib/server/db/schema';
import { demoAccounts, demoPassword, DemoRefused, loadDemo } from '$lib/server/demo';
import { demoCases, demoOrganisations, marco } from '$lib/server/demo/data';
import { getJourneyRecord, getPlanJourney } from '$lib/server/journeys';
import { getSessionState, listSessions, startSession } from '$lib/server/lab';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { insertActor } from '../../helpers/actors';
import { drivers, silentLog, useTestDatabase } from '../../helpers/database';
import { key } from '../../helpers/lab';

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
			table:
				| typeof cases
				| typeof users
				| typeof organisations
				| typeof caseMembers
				| typeof labSessions
				| typeof journeyRecords
		) => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;
		return {
			organisations: await count(organisations),
			accounts: await count(users),
			cases: await count(cases),
			members: await count(caseMembers),
			sessions: await count(labSessions),
			journeyRecords: await count(journeyRecords)
		};
	}

	/** A demo account as the signed-in actor. */
	function demoActor(id: string): Actor {
		const account = demoAccounts.find((a) => a.id === id)!;
		return {
			kind: 'user',
			id: account.id,
			name: account.name,
			email: account.email,
			role: account.role,
			organisationId: account.organisationId,
			organisationName: demoOrganisations.find((o) => o.id === account.organisationId)!.name
		};
	}
	const debtsCase = demoCases[4];

	it('loads five fictional cases, and loading again changes nothing', async () => {
		await loadDemo(t.ctx(), liveDocuments());
		const first = await countRows();
		const firstContent = await Promise.all(
			demoCases.map(async (c) => readCaseContent(await getCurrentState(t.ctx(), c.id)))
		);
		expect(first.cases).toBe(5);
		expect(first.accounts).toBe(demoAccounts.length);
		expect(first.sessions).toBe(3);
		expect(first.journeyRecords).toBe(2);

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
			// The Change Lab's own actions are checked with the sessions below.
			const actions = new Set(
				trail.map((row) => row.action).filter((action) => !action.startsWith('lab.'))
			);
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

	it('gives the debts case two ended sessions weeks apart, each with its journey record', async () => {
		await loadDemo(t.ctx(), liveDocuments());
		const petra = t.ctx(demoActor(debtsCase.members[0][0]));
		const journey = await getPlanJourney(petra, debtsCase.id);
		expect(journey.stops).toHaveLength(2);
		const [first, second] = journey.stops;
		expect(first.title).toBe('Eerste Change Lab: ontruiming dreigt');
		expect(second.title).toBe('Tweede Change Lab: wie betaalt de € 500?');
		expect(first.daysSincePrevious).toBeNull();
		expect(second.daysSincePrevious).toBe(14);
		expect(Date.parse(second.startedAt)).toBeGreaterThan(Date.parse(first.endedAt));
		// The doorbraak was agreed in the second session, 17 days ago.
		expect(first.daysSinceBreakthrough).toBeNull();
		expect(second.daysSinceBreakthrough).toBe(0);
		expect(journey.daysSinceBreakthrough).toBe(17);

		for (const stop of journey.stops) {
			expect(stop.durationMs).toBeGreaterThan(60 * 60_000);
			const organisations = new Set(stop.participants.map((p) => p.organisation));
			expect(organisations.size).toBeGreaterThanOrEqual(3);
			expect(stop.participants.every((p) => p.presentMs > 0)).toBe(true);
			expect(stop.observations.length).toBeGreaterThanOrEqual(3);
			expect(stop.observations.map((o) => o.kind)).toEqual(
				expect.arrayContaining(['kans', 'belemmering'])
			);
			expect(stop.observations.filter((o) => o.cell !== null).length).toBeGreaterThanOrEqual(3);
		}
		// In the first session the plan gained the woonstichting's arrangement and the bijstand.
		expect(first.difference.added.map((item) => item.id).sort()).toEqual([
			'd05-arrangement',
			'd05-special-assistance'
		]);
		expect(first.difference.breakthrough.changed).toBe(false);
		// In the second: the bijstand refused, the maatwerkbudget added, the doorbraak agreed.
		expect(second.difference.added.map((item) => item.id)).toContain('d05-budget');
		expect(second.difference.changed.map((item) => item.id)).toEqual(
			expect.arrayContaining(['d05-special-assistance', 'd05-arrangement'])
		);
		expect(second.difference.breakthrough.changed).toBe(true);
		expect(second.difference.breakthrough.after.agreedOn).toBe(journey.breakthroughAgreedOn);
		expect(second.observations.map((o) => o.text)).toContain(
			'Maatwerkbudget van € 500 voorkomt € 60.000 aan opvang en uithuisplaatsing.'
		);

		const { record } = await getJourneyRecord(petra, second.recordId);
		expect(new Set(record.proposals.map((p) => p.status))).toEqual(
			new Set(['accepted', 'declined'])
		);
		const { record: firstRecord } = await getJourneyRecord(petra, first.recordId);
		expect(new Set(firstRecord.proposals.map((p) => p.status))).toEqual(
			new Set(['accepted', 'merged'])
		);
		// Kees left a quarter of an hour before the end.
		const presentMs = (name: string) =>
			firstRecord.participants.find((p) => p.name === name)!.presentMs;
		expect(presentMs('Petra Schuldhulp') - presentMs('Kees Woonconsulent')).toBe(15 * 60_000);
	});

	it('plans a Change Lab session for today that the demo facilitator can start', async () => {
		await loadDemo(t.ctx(), liveDocuments());
		const facilitator = t.ctx(demoActor(marco));
		const sessions = await listSessions(facilitator, debtsCase.id);
		expect(sessions.map((s) => s.status)).toEqual(['ended', 'ended', 'planned']);
		const today = sessions[2];
		const now = isoToDutchTime(new Date());
		const planned = isoToDutchTime(today.scheduledAt);
		expect(planned.date).toBe(now.date);
		expect(planned.time).toMatch(/^\d{2}:00$/);
		if (now.time < '23:00') {
			expect(planned.time > now.time).toBe(true);
			expect(planned.time >= '10:00').toBe(true);
		}

		const { session, rights } = await getSessionState(facilitator, today.id);
		expect(session.facilitator?.userId).toBe(marco);
		expect(session.scribe).not.toBeNull();
		expect(rights.runSession).toBe(true);
		expect(session.steps.map((step) => step.title)).toEqual([
			'Spiegelen: de casus en de reis tot nu toe',
			'Analyse: waarom zit het vast (belemmeringen)',
			'Doorbraak en nieuw model',
			'Plan en afspraken',
			'Terugblik'
		]);

		const started = await startSession(facilitator, today.id, { idempotencyKey: key() });
		expect(started.result.sessionId).toBe(today.id);
		expect((await listSessions(facilitator, debtsCase.id))[2].status).toBe('running');
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
