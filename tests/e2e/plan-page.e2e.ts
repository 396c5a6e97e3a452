import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCases } from '$lib/server/demo/data';
import { homeSchoolingStory } from '$lib/server/demo/stories/d01-home-schooling';
import nl from '../../messages/nl.json';
import { expectNoSeriousA11yViolations, demoPerson, useDemoApp } from './harness';

// The plan page of a filled demo case: shown before its scripts run, and what a person is told
// when someone else's change replaces or removes what they were working on.
const schoolCase = demoCases[0].id;
const liveTimeout = { timeout: 10_000 };
const appScripts = /\/_app\/immutable\/.*\.js$/;

const sanne = demoPerson('sanne@demo.example');
const lotte = demoPerson('lotte@demo.example');

/** The first paragraph the demo story writes into the school case's narrative. */
const firstParagraph = homeSchoolingStory.steps
	.flatMap((step) =>
		'edit' in step && 'appendNarrative' in step.edit ? step.edit.appendNarrative : []
	)
	.find((block): block is string => typeof block === 'string' && !block.startsWith('## '))!;

describe('the plan page of a filled-in case', () => {
	const demo = useDemoApp();
	const { signIn } = demo;
	const openPlan = (page: Page, caseId: string) => demo.openPlan(page, caseId, { editor: true });

	const notice = (page: Page) => page.locator('[data-change-notice]');
	const fill = (message: string, values: Record<string, string>) =>
		message.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);

	it('shows the narrative, doorbraak, plan and scores in the HTML, before any script runs', async () => {
		const page = await signIn(sanne);
		await page.route(appScripts, (route) => route.abort());
		await page.goto(`/cases/${schoolCase}/plan`);

		expect(await page.locator('.narrative').innerText()).toContain(firstParagraph);
		expect(await page.locator('.narrative strong').first().innerText()).toBe(
			'van het kastje naar de muur'
		);
		expect(await page.locator('#breakthrough-text').inputValue()).toMatch(/^De zoon krijgt/);
		const actions = await page
			.locator('[data-plan-item] input[id$="-action"]')
			.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		expect(actions).toHaveLength(4);
		expect(actions[0]).toMatch(/^Lessen volgen via een videoverbinding/);
		const statuses = await page
			.locator('[data-plan-item] select[id$="-status"]')
			.evaluateAll((selects) => selects.map((select) => (select as HTMLSelectElement).value));
		expect(statuses).toEqual(['uitgevoerd', 'ingediend', 'afgewezen', 'concept']);
		const financesScore = page.getByRole('combobox', {
			name: `${nl.domain_financien} ${nl.domains_score}`
		});
		expect(await financesScore.inputValue()).toBe('2');
		// Read-only until the live document is there.
		expect(await page.locator('#breakthrough-text').getAttribute('readonly')).not.toBeNull();
		expect(await financesScore.isDisabled()).toBe(true);
	});

	it('keeps every part where it is when the live document takes over, and then lets you edit', async () => {
		const page = await signIn(sanne);
		// The app's scripts wait until the server's HTML has been measured.
		let holdScripts = true;
		const heldScripts: Route[] = [];
		await page.route(appScripts, (route) =>
			holdScripts ? void heldScripts.push(route) : route.continue()
		);
		await page.goto(`/cases/${schoolCase}/plan`, { waitUntil: 'commit' });
		await page.locator('.narrative.static').waitFor();
		await expect.poll(() => heldScripts.length).toBeGreaterThan(0);

		const layout = () =>
			page.evaluate(() => {
				const top = (selector: string) =>
					Math.round(document.querySelector(selector)!.getBoundingClientRect().top + scrollY);
				return {
					narrative: top('.narrative'),
					breakthrough: top('#breakthrough-text'),
					plan: top('#plan-heading'),
					lastPlanItem: top('[data-plan-item]:last-child'),
					domains: top('#domains-heading'),
					narrativeText: document.querySelector('.narrative')!.textContent,
					breakthroughText: document.querySelector('textarea')!.value,
					fields: [...document.querySelectorAll('[data-plan-item] input, td input')].map(
						(input) => (input as HTMLInputElement).value
					)
				};
			});
		const before = await layout();
		expect(before.fields.filter((value) => value !== '').length).toBeGreaterThan(20);

		holdScripts = false;
		await Promise.all(heldScripts.splice(0).map((route) => route.continue()));
		await page.locator('[data-status="online"]').waitFor(liveTimeout);
		await page.locator('.narrative.ProseMirror:not(.static)').waitFor(liveTimeout);
		await expect.poll(() => page.locator('#breakthrough-text').getAttribute('readonly')).toBeNull();

		expect(await layout()).toEqual(before);
		expect(await page.locator('.narrative').getAttribute('contenteditable')).toBe('true');
		await expectNoSeriousA11yViolations(page);
	});

	it('tells someone typing in a plan item that another person removed it, who, and what it said', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
		await a.locator(`[data-peer="${lotte.name}"]`).waitFor(liveTimeout);
		await b.locator(`[data-peer="${sanne.name}"]`).waitFor(liveTimeout);

		const itemId = await b.locator('[data-plan-item]').last().getAttribute('data-plan-item');
		const field = b.locator(`#plan-${itemId}-action`);
		await field.click();
		await field.press('End');
		await field.pressSequentially(' (ook in de zomer)');

		const remove = a.locator(`[data-plan-item="${itemId}"] button.danger`);
		await remove.click();
		await remove.click();

		const told = notice(b);
		await told.waitFor(liveTimeout);
		expect(await told.innerText()).toContain(fill(nl.plan_item_removed_by, { name: sanne.name }));
		expect(await told.innerText()).toContain('(ook in de zomer)');
		expect(await told.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await told.locator('xpath=..').getAttribute('role')).toBe('status');
		// The one who removed it is not told anything.
		expect(await notice(a).count()).toBe(0);
		await expectNoSeriousA11yViolations(b);

		await told.getByRole('button', { name: nl.collab_notice_dismiss }).click();
		expect(await notice(b).count()).toBe(0);
	});

	it('tells the person whose status was replaced by one picked at the same time which was kept, and whose', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		// B's connection can be held, so that both pick a status before seeing the other's.
		let holding = false;
		const held: (() => void)[] = [];
		await b.routeWebSocket(/\/collab\//, (socket) => {
			const server = socket.connectToServer();
			socket.onMessage((message) =>
				holding ? held.push(() => server.send(message)) : server.send(message)
			);
			server.onMessage((message) =>
				holding ? held.push(() => socket.send(message)) : socket.send(message)
			);
		});
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
		await a.locator(`[data-peer="${lotte.name}"]`).waitFor(liveTimeout);
		await b.locator(`[data-peer="${sanne.name}"]`).waitFor(liveTimeout);

		const status = (page: Page) => page.locator('[data-plan-item] select[id$="-status"]').first();
		holding = true;
		await status(b).selectOption('goedgekeurd');
		await status(a).selectOption('afgewezen');
		await expect
			.poll(() => a.locator('[data-saved]').getAttribute('data-saved'), liveTimeout)
			.toBe('true');
		holding = false;
		held.splice(0).forEach((send) => send());

		// Both end up with one of the two; the other person is told.
		await expect
			.poll(
				async () => (await status(a).inputValue()) === (await status(b).inputValue()),
				liveTimeout
			)
			.toBe(true);
		const kept = await status(a).inputValue();
		const [winner, loser, loserPage, winnerPage] =
			kept === 'afgewezen' ? [sanne, lotte, b, a] : [lotte, sanne, a, b];
		const told = notice(loserPage);
		await told.waitFor(liveTimeout);
		expect(await told.innerText()).toContain(winner.name);
		expect(await told.innerText()).toContain(nl[`plan_status_${kept}` as keyof typeof nl]);
		expect(await notice(winnerPage).count(), `${loser.name} was told, not ${winner.name}`).toBe(0);
	});
});
