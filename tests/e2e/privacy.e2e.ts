import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPassword } from '$lib/server/demo/data';
import nl from '../../messages/nl.json';
import {
	expectNoSeriousA11yViolations,
	demoPerson,
	demoRole,
	logIn,
	openHydrated,
	useDemoApp
} from './harness';

// What the browser sends and keeps about a family, in real Chromium on the demo deployment.
const schoolCase = '00000000-0000-4000-8000-000000000301';
const housingCase = '00000000-0000-4000-8000-000000000302';
const householdCase = '00000000-0000-4000-8000-000000000303';
const liveTimeout = { timeout: 10_000 };

const sanne = demoPerson('sanne@demo.example');
const lotte = demoPerson('lotte@demo.example');
const youssef = demoPerson('youssef@demo.example');

describe('privacy in the browser', () => {
	const demo = useDemoApp();
	const { signIn } = demo;
	const openPlan = (page: Page, caseId: string) => demo.openPlan(page, caseId, { synced: false });

	beforeAll(() => {
		expect(demoRole(schoolCase, sanne.id)).toBe('owner');
		expect(demoRole(schoolCase, lotte.id)).toBe('participant');
		expect(demoRole(housingCase, sanne.id)).toBe('owner');
		expect(demoRole(housingCase, youssef.id)).toBe('observer');
		expect(demoRole(householdCase, sanne.id)).toBe('owner');
		expect(demoRole(householdCase, youssef.id)).toBe('participant');
	});

	const status = (page: Page) => page.locator('[data-status]').getAttribute('data-status');
	const offlineCopies = (page: Page) =>
		page.evaluate(async () =>
			(await indexedDB.databases())
				.map((database) => database.name ?? '')
				.filter((name) => name.startsWith('maatwerklab:'))
		);
	const copyOf = (person: { id: string }, caseId: string) =>
		`maatwerklab:${person.id}:cases/${caseId}`;

	/** Removes a member through the case page's form action, as the owner's browser would. */
	async function removeMember(owner: Page, caseId: string, userId: string) {
		const response = await owner.request.post(`/cases/${caseId}?/removeMember`, {
			form: { userId },
			headers: { origin: demo.app.url }
		});
		expect(response.status()).toBeLessThan(400);
	}

	describe('a BSN is refused before it is sent', () => {
		it('in a plan field: the field says so, the rest of the typing is kept, nothing is stored', async () => {
			const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
			await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
			await a.getByRole('button', { name: nl.plan_add }).click();
			const id = await a.locator('[data-plan-item]').last().getAttribute('data-plan-item');
			const field = a.locator(`#plan-${id}-action`);
			// 12345678 alone is no BSN; one more digit makes 123456782, which passes the elfproef.
			await field.pressSequentially('Bel moeder 12345678');
			const fieldInB = b.locator(`#plan-${id}-action`);
			await expect.poll(() => fieldInB.inputValue(), liveTimeout).toBe('Bel moeder 12345678');

			await field.press('2');
			const message = a.locator(`#plan-${id}-action-bsn`);
			await message.waitFor(liveTimeout);
			expect(await message.textContent()).toBe(nl.collab_bsn_refused);
			expect(await field.getAttribute('aria-invalid')).toBe('true');
			expect(await field.getAttribute('aria-describedby')).toBe(`plan-${id}-action-bsn`);
			expect(await field.inputValue()).toBe('Bel moeder 12345678');
			await expectNoSeriousA11yViolations(a);

			// Nothing was sent: the server would have closed the connection, and b would see it.
			await a.waitForTimeout(500);
			expect(await status(a)).toBe('online');
			expect(await fieldInB.inputValue()).toBe('Bel moeder 12345678');

			// Typing on without a BSN is applied, and the message goes.
			await field.press('!');
			await expect.poll(() => fieldInB.inputValue(), liveTimeout).toBe('Bel moeder 12345678!');
			expect(await message.count()).toBe(0);

			// Stored as the other person saw it.
			await a.reload();
			await a.locator('[data-status="online"]').waitFor(liveTimeout);
			await expect
				.poll(() => a.locator(`#plan-${id}-action`).inputValue())
				.toBe('Bel moeder 12345678!');
		});

		it('in the case description: a message near the editor, and the text is not applied', async () => {
			const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
			await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
			await a.locator('.narrative').click();
			await a.keyboard.press('Control+End');
			await a.keyboard.press('Enter');
			await a.keyboard.type('Vader 111 222 33');
			await expect
				.poll(() => b.locator('.narrative').innerText(), liveTimeout)
				.toContain('Vader 111 222 33');
			await a.keyboard.type('3');
			const message = a.getByText(nl.collab_narrative_bsn_refused);
			await message.waitFor(liveTimeout);
			expect(await a.locator('.narrative').getAttribute('aria-invalid')).toBe('true');
			await a.waitForTimeout(500);
			expect(await a.locator('.narrative').innerText()).not.toContain('111 222 333');
			expect(await b.locator('.narrative').innerText()).not.toContain('111 222 333');
			expect(await status(a)).toBe('online');
			await expectNoSeriousA11yViolations(a);
		});
	});

	describe('offline copies end with access', () => {
		it("keeps a copy per person, and deletes it when the server ends that person's access", async () => {
			const [owner, member] = await Promise.all([signIn(sanne), signIn(youssef)]);
			await openPlan(member, householdCase);
			await expect.poll(() => offlineCopies(member)).toContain(copyOf(youssef, householdCase));

			await removeMember(owner, householdCase, youssef.id);
			await expect.poll(() => status(member), liveTimeout).toBe('closed');
			await expect
				.poll(() => offlineCopies(member), liveTimeout)
				.not.toContain(copyOf(youssef, householdCase));
		});

		it('deletes the copy of a case that answers 404 when its page is opened again', async () => {
			const [owner, member] = await Promise.all([signIn(sanne), signIn(youssef)]);
			await openPlan(member, housingCase);
			await expect.poll(() => offlineCopies(member)).toContain(copyOf(youssef, housingCase));
			await openHydrated(member, '/cases'); // the copy stays: the tab just moved on

			await removeMember(owner, housingCase, youssef.id);
			const response = await member.goto(`/cases/${housingCase}/plan`);
			expect(response?.status()).toBe(404);
			await expect
				.poll(() => offlineCopies(member), liveTimeout)
				.not.toContain(copyOf(youssef, housingCase));
		});

		it('deletes the copies of the person before when someone else signs in on this browser', async () => {
			const page = await signIn(sanne);
			await openPlan(page, schoolCase);
			await expect.poll(() => offlineCopies(page)).toContain(copyOf(sanne, schoolCase));

			// Sanne walked away without logging out; her session ends, Lotte signs in.
			await page.context().clearCookies();
			await logIn(page, lotte.email, demoPassword);
			await expect
				.poll(() => offlineCopies(page), liveTimeout)
				.not.toContain(copyOf(sanne, schoolCase));
			await openPlan(page, schoolCase);
			await expect.poll(() => offlineCopies(page)).toEqual([copyOf(lotte, schoolCase)]);
		});
	});
});
