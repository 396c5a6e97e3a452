import type { Locator, Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	openHydrated,
	useDemoApp
} from './harness';

// Live co-editing in real Chromium, two people at once, on the fictional demo deployment.
const schoolCase = '00000000-0000-4000-8000-000000000301';
const housingCase = '00000000-0000-4000-8000-000000000302';
const householdCase = '00000000-0000-4000-8000-000000000303';
const transportCase = '00000000-0000-4000-8000-000000000304';
const debtsCase = '00000000-0000-4000-8000-000000000305';
const liveTimeout = { timeout: 10_000 };
const financesScore = `${nl.domain_financien} ${nl.domains_score}`;

const sanne = demoPerson('sanne@demo.example');
const lotte = demoPerson('lotte@demo.example');
const youssef = demoPerson('youssef@demo.example');

describe('live co-editing of a case in two browsers', () => {
	const { signIn, openPlan } = useDemoApp();

	beforeAll(() => {
		// The scenarios rely on these memberships of the demo data.
		expect(demoRole(schoolCase, sanne.id)).toBe('owner');
		expect(demoRole(schoolCase, lotte.id)).toBe('participant');
		expect(demoRole(housingCase, sanne.id)).toBe('owner');
		expect(demoRole(housingCase, youssef.id)).toBe('observer');
		expect(demoRole(householdCase, sanne.id)).toBe('owner');
		expect(demoRole(householdCase, youssef.id)).toBe('participant');
		expect(demoRole(transportCase, sanne.id)).toBe('participant');
		expect(demoRole(debtsCase, sanne.id)).toBe('participant');
	});

	const status = (page: Page) => page.locator('[data-status]');
	// Intl puts a no-break space between "€" and the amount.
	const shownCost = async (field: Locator) => (await field.inputValue()).replace(/\u00a0/g, ' ');
	const breakthrough = (page: Page) => page.locator('#breakthrough-text');
	const narrativeText = (page: Page) => page.locator('.narrative').innerText();

	/**
	 * Lets the test take `page` off the network for real. Chromium's offline mode alone holds an
	 * open WebSocket's frames back rather than breaking the connection, so every live connection
	 * of the page passes through a route that can close it.
	 */
	async function breakableNetwork(page: Page) {
		const sockets: WebSocketRoute[] = [];
		await page.routeWebSocket(/\/collab\//, (socket) => {
			sockets.push(socket);
			socket.connectToServer();
		});
		return {
			/** Offline, and the open connection breaks: the page must say so. */
			async cut() {
				await page.context().setOffline(true);
				await Promise.all(sockets.splice(0).map((socket) => socket.close()));
				await expect
					.poll(() => status(page).getAttribute('data-status'), liveTimeout)
					.toBe('offline');
			},
			restore: () => page.context().setOffline(false)
		};
	}

	/** Both pages show every change as stored by the server. */
	async function expectSaved(...pages: Page[]) {
		for (const page of pages) {
			await expect.poll(() => status(page).getAttribute('data-saved'), liveTimeout).toBe('true');
		}
	}

	it('lists each person once in presence, and not yourself in another tab', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		// Second tabs first: the server hands their presence to a and b when they connect.
		const [aSecondTab, bSecondTab] = await Promise.all([
			a.context().newPage(),
			b.context().newPage()
		]);
		await Promise.all([openPlan(aSecondTab, schoolCase), openPlan(bSecondTab, schoolCase)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		await a.locator(`[data-peer="${lotte.name}"]`).waitFor(liveTimeout);
		await b.locator(`[data-peer="${sanne.name}"]`).waitFor(liveTimeout);
		expect(await a.locator('[data-peer]').count()).toBe(1);
		expect(await b.locator('[data-peer]').count()).toBe(1);
	});

	it("shows one person's typing to the other, with the author's caret and name", async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		// Each sees the other in the presence list, named by the server.
		await a.locator(`[data-peer="${lotte.name}"]`).waitFor(liveTimeout);
		await b.locator(`[data-peer="${sanne.name}"]`).waitFor(liveTimeout);

		const sentence = 'Moeder en zoon willen samen een plan voor onderwijs thuis.';
		// The demo case has a narrative already: write at its end.
		await a.locator('.narrative').click();
		await a.keyboard.press('Control+End');
		await a.keyboard.type(sentence);
		await expect.poll(() => narrativeText(b), liveTimeout).toContain(sentence);

		// A's cursor is still in the editor: B sees it, labelled with A's name.
		const caret = b.locator('.narrative .collaboration-carets__label');
		await caret.waitFor(liveTimeout);
		expect(await caret.innerText()).toContain(sanne.name);

		// And the other way round: B types at the end, A sees both sentences in order.
		await b.locator('.narrative').click();
		await b.keyboard.press('Control+End');
		await b.keyboard.type(' Lotte vult aan.');
		await expect.poll(() => narrativeText(a), liveTimeout).toContain(`${sentence} Lotte vult aan.`);
		await expectSaved(a, b);
	});

	it('shows a plan item and a life-domain score added by one person to the other', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
		const itemsBefore = await b.locator('[data-plan-item]').count();

		await a.getByRole('button', { name: nl.plan_add }).click();
		const newItem = a.locator('[data-plan-item]').nth(itemsBefore);
		const action = 'Leerlingenvervoer aanvragen bij de gemeente';
		// Adding focuses the new item's action field.
		await expect
			.poll(() => a.evaluate(() => document.activeElement?.id ?? ''))
			.toMatch(/^plan-.+-action$/);
		await newItem.locator('input[id$="-action"]').fill(action);

		const itemInB = b.locator('[data-plan-item]').nth(itemsBefore);
		await expect
			.poll(
				() =>
					itemInB
						.locator('input[id$="-action"]')
						.inputValue()
						.catch(() => null),
				liveTimeout
			)
			.toBe(action);
		expect(await itemInB.getAttribute('data-plan-item')).toBe(
			await newItem.getAttribute('data-plan-item')
		);

		await a.getByRole('combobox', { name: financesScore }).selectOption('2');
		await expect
			.poll(() => b.getByRole('combobox', { name: financesScore }).inputValue(), liveTimeout)
			.toBe('2');

		await expect.poll(() => status(a).getAttribute('data-status')).toBe('online');
		await expectSaved(a, b);
	});

	it('keeps what two people type at the same moment in one plan field', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
		await a.getByRole('button', { name: nl.plan_add }).click();
		const id = await a.locator('[data-plan-item]').last().getAttribute('data-plan-item');
		const action = (page: Page) => page.locator(`#plan-${id}-action`);
		await action(a).fill('Actie');
		await expect.poll(() => action(b).inputValue(), liveTimeout).toBe('Actie');

		await action(a).press('End');
		await action(b).press('Home');
		await Promise.all([
			a.keyboard.type(' bij de gemeente', { delay: 25 }),
			b.keyboard.type('Snel: ', { delay: 25 })
		]);
		const both = 'Snel: Actie bij de gemeente';
		await expect.poll(() => action(a).inputValue(), liveTimeout).toBe(both);
		await expect.poll(() => action(b).inputValue(), liveTimeout).toBe(both);
		await expectSaved(a, b);

		// Both at the very same spot: each keeps their own run of letters.
		await action(a).press('End');
		await action(b).press('End');
		await Promise.all([
			a.keyboard.type(' Sanne', { delay: 40 }),
			b.keyboard.type(' Lotte', { delay: 40 })
		]);
		await expect
			.poll(() => action(a).inputValue(), liveTimeout)
			.toMatch(/ (Sanne Lotte|Lotte Sanne)$/);
		await expect.poll(() => action(b).inputValue(), liveTimeout).toBe(await action(a).inputValue());
	});

	it('keeps edits made offline and syncs them when the connection returns', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		const network = await breakableNetwork(b);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		// B loses the network.
		await network.cut();
		const offlineText = 'Lotte schreef dit zonder verbinding.';
		await breakthrough(b).fill(offlineText);
		await expect.poll(() => status(b).getAttribute('data-saved')).toBe('false');
		expect(await breakthrough(b).inputValue()).toBe(offlineText);

		// Meanwhile A keeps working and B's edit does not reach A.
		const onlineText = 'Sanne werkt online verder.';
		await a.locator('.narrative').click();
		await a.keyboard.type(onlineText);
		await expectSaved(a);
		expect(await breakthrough(a).inputValue()).not.toContain(offlineText);

		// Back online: B reconnects by itself, both edits meet, and B shows everything saved.
		await network.restore();
		await expect.poll(() => breakthrough(a).inputValue(), liveTimeout).toBe(offlineText);
		await expect.poll(() => narrativeText(b), liveTimeout).toContain(onlineText);
		await expect.poll(() => status(b).getAttribute('data-status'), liveTimeout).toBe('online');
		await expectSaved(b);
	});

	it('keeps an offline edit in the browser when the tab is closed, and syncs it later', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		const network = await breakableNetwork(b);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		await network.cut();
		const offlineText = 'Afgesproken zonder verbinding, daarna tabblad gesloten.';
		await breakthrough(b).fill(offlineText);
		await expect.poll(() => status(b).getAttribute('data-saved')).toBe('false');

		// Close the tab while offline, then open the plan again in the same browser once online.
		const context = b.context();
		await b.close();
		expect(await breakthrough(a).inputValue()).not.toBe(offlineText);
		await network.restore();
		const reopened = await context.newPage();
		await openPlan(reopened, schoolCase);
		await expect.poll(() => breakthrough(a).inputValue(), liveTimeout).toBe(offlineText);
		await expectSaved(reopened);
	});

	it('restores a saved version as a live change that the other person sees', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		const versionText = 'Zoon volgt thuisonderwijs tot hij weer naar school kan.';
		await breakthrough(a).fill(versionText);
		await expect.poll(() => breakthrough(b).inputValue(), liveTimeout).toBe(versionText);
		await expectSaved(a);

		const label = 'Afspraak na eerste overleg';
		await openHydrated(a, `/cases/${schoolCase}/versions`);
		await a.locator('#field-label').fill(label);
		await a.getByRole('button', { name: nl.versions_save }).click();
		await a.getByRole('status').filter({ hasText: nl.versions_saved }).waitFor();
		const versionLink = a.getByRole('link', { name: label, exact: true });

		// A changes the breakthrough after the version was saved.
		await openPlan(a, schoolCase);
		const laterText = 'Zoon gaat volgende maand terug naar school.';
		await breakthrough(a).fill(laterText);
		await expect.poll(() => breakthrough(b).inputValue(), liveTimeout).toBe(laterText);
		await expectSaved(a);

		await openHydrated(a, `/cases/${schoolCase}/versions`);
		await versionLink.click();
		await a
			.getByRole('heading', { level: 1, name: nl.version_title.replace('{label}', label) })
			.waitFor();
		const row = a.locator('tr', {
			has: a.getByRole('rowheader', { name: nl.collab_breakthrough, exact: true })
		});
		expect(await row.locator('td').allInnerTexts()).toEqual([versionText, laterText]);
		// The version is also shown whole, read-only.
		const whole = a.locator('h2', { hasText: nl.version_content_heading });
		await whole.waitFor();
		expect(await a.locator('dd', { hasText: versionText }).count()).toBe(1);
		await expectNoSeriousA11yViolations(a);

		await a.getByRole('button', { name: nl.version_restore }).click();
		await a.waitForURL(`**/cases/${schoolCase}/plan`);
		await a.locator('[data-status="online"]').waitFor(liveTimeout);
		await expect.poll(() => breakthrough(a).inputValue(), liveTimeout).toBe(versionText);
		// B never left the plan page: the restore reaches B live.
		await expect.poll(() => breakthrough(b).inputValue(), liveTimeout).toBe(versionText);
		expect(b.url()).toContain(`/cases/${schoolCase}/plan`);
		await expectSaved(a, b);

		// The state before the restore was kept, named after the restore, in Dutch time.
		await openHydrated(a, `/cases/${schoolCase}/versions`);
		const keptName = nl.version_before_restore_name.replace('{label}', label);
		const kept = a.locator('tr', { has: a.getByRole('link', { name: keptName, exact: true }) });
		await kept.waitFor();
		expect(await kept.innerText()).not.toContain('UTC');
	});

	it('gives an observer a read-only view that follows the changes live', async () => {
		const [owner, observer] = await Promise.all([signIn(sanne), signIn(youssef)]);
		await Promise.all([openPlan(owner, housingCase), openPlan(observer, housingCase)]);

		await owner.getByRole('button', { name: nl.plan_add }).click();
		await owner.locator('[data-plan-item] input[id$="-action"]').last().fill('Urgentie aanvragen');
		const narrative = 'Zeven mensen in een driekamerwoning.';
		await owner.locator('.narrative').click();
		await owner.keyboard.press('Control+End');
		await owner.keyboard.type(narrative);
		await expect.poll(() => narrativeText(observer), liveTimeout).toContain(narrative);
		const observerAction = observer.locator('[data-plan-item] input[id$="-action"]').last();
		await expect.poll(() => observerAction.inputValue(), liveTimeout).toBe('Urgentie aanvragen');

		// Read-only everywhere, and told so.
		await observer.locator('.notice', { hasText: nl.collab_read_only }).waitFor();
		const editor = observer.locator('.narrative');
		expect(await editor.getAttribute('aria-readonly')).toBe('true');
		expect(await editor.getAttribute('contenteditable')).toBe('false');
		expect(await observer.getByRole('toolbar').count()).toBe(0);
		expect(await observer.getByRole('button', { name: nl.plan_add }).count()).toBe(0);
		expect(await observerAction.getAttribute('readonly')).not.toBeNull();
		expect(await breakthrough(observer).getAttribute('readonly')).not.toBeNull();
		expect(await observer.getByRole('combobox', { name: financesScore }).isDisabled()).toBe(true);
		// The owner sees the observer's role in the presence list.
		await owner
			.locator(`[data-peer="${youssef.name}"]`, { hasText: nl.case_role_observer })
			.waitFor();

		// Typing changes nothing, neither for the observer nor for the owner.
		const breakthroughBefore = await breakthrough(observer).inputValue();
		await editor.click();
		await observer.keyboard.type('Toeschouwer typt hier.');
		await observer.locator('#breakthrough-text').press('X');
		expect(await narrativeText(observer)).not.toContain('Toeschouwer typt');
		expect(await breakthrough(observer).inputValue()).toBe(breakthroughBefore);

		// A change by the owner after the attempt arrives, and the owner never sees the observer's.
		const marker = ' Gezien.';
		await owner.locator('.narrative').click();
		await owner.keyboard.press('Control+End');
		await owner.keyboard.type(marker);
		await expect
			.poll(() => narrativeText(observer), liveTimeout)
			.toContain(`${narrative}${marker}`);
		expect(await narrativeText(owner)).not.toContain('Toeschouwer typt');
		expect(await status(observer).getAttribute('data-saved')).toBe('true');
		await expectSaved(owner);
	});

	it('reads a cost estimate typed the Dutch way, and says so when the text is not an amount', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);

		await a.getByRole('button', { name: nl.plan_add }).click();
		const id = await a.locator('[data-plan-item]').last().getAttribute('data-plan-item');
		const costA = a.getByRole('textbox', { name: nl.plan_cost }).and(a.locator(`#plan-${id}-cost`));
		const costB = b.locator(`#plan-${id}-cost`);
		await costA.fill('1.250,50');
		await costA.press('Tab');
		expect(await shownCost(costA)).toBe('€ 1.250,50');
		await expect.poll(() => shownCost(costB), liveTimeout).toBe('€ 1.250,50');

		// Text that is not an amount stays in the field with an error; the amount stays stored.
		await costA.fill('ongeveer 500');
		await costA.press('Tab');
		expect(await costA.getAttribute('aria-invalid')).toBe('true');
		const error = a.locator(`#${await costA.getAttribute('aria-describedby')}`);
		expect(await error.innerText()).toBe(nl.plan_cost_invalid);
		expect(await costA.inputValue()).toBe('ongeveer 500');
		await expectSaved(a);
		expect(await shownCost(costB)).toBe('€ 1.250,50');

		await costA.fill('€ 500,-');
		await costA.press('Tab');
		expect(await costA.getAttribute('aria-invalid')).toBe('false');
		await expect.poll(() => shownCost(costB), liveTimeout).toBe('€ 500,00');
		await expectSaved(a, b);
	});

	it('shows who is here again at once after a reconnect', async () => {
		const [a, b] = await Promise.all([signIn(sanne), signIn(lotte)]);
		const network = await breakableNetwork(b);
		await Promise.all([openPlan(a, schoolCase), openPlan(b, schoolCase)]);
		await a.locator(`[data-peer="${lotte.name}"]`).waitFor(liveTimeout);
		await b.locator(`[data-peer="${sanne.name}"]`).waitFor(liveTimeout);

		await network.cut();
		await a.locator(`[data-peer="${lotte.name}"]`).waitFor({ state: 'detached', ...liveTimeout });
		await network.restore();
		await expect.poll(() => status(b).getAttribute('data-status'), liveTimeout).toBe('online');
		// Well before the 15 s renewal of presence.
		const soon = { timeout: 5_000 };
		await Promise.all([
			a.locator(`[data-peer="${lotte.name}"]`).waitFor(soon),
			b.locator(`[data-peer="${sanne.name}"]`).waitFor(soon)
		]);
	});

	it('makes the page read-only, and says why in Dutch, when the server ends the connection', async () => {
		const [owner, member] = await Promise.all([signIn(sanne), signIn(youssef)]);
		await openPlan(member, householdCase);
		await member.getByRole('button', { name: nl.plan_add }).click();

		// The owner makes the participant an observer on the case's page.
		await openHydrated(owner, `/cases/${householdCase}`);
		await owner.locator(`#role-${youssef.id}`).selectOption('observer');
		await owner.locator(`form:has(#role-${youssef.id}) button`).click();
		await owner.getByRole('status').filter({ hasText: nl.member_role_changed }).waitFor();

		const alert = member.getByRole('alert').filter({ hasText: nl.collab_closed_role_changed });
		await alert.waitFor(liveTimeout);
		expect(await status(member).getAttribute('data-status')).toBe('closed');
		const editor = member.locator('.narrative');
		expect(await editor.getAttribute('contenteditable')).toBe('false');
		expect(await editor.getAttribute('aria-readonly')).toBe('true');
		expect(await member.getByRole('toolbar').count()).toBe(0);
		expect(await member.getByRole('button', { name: nl.plan_add }).count()).toBe(0);
		expect(await breakthrough(member).getAttribute('readonly')).not.toBeNull();
		const action = member.locator('[data-plan-item] input[id$="-action"]').last();
		expect(await action.getAttribute('readonly')).not.toBeNull();
		expect(await member.getByRole('combobox', { name: financesScore }).isDisabled()).toBe(true);

		// Reloading shows the page with the new rights.
		await member.getByRole('button', { name: nl.collab_reload }).click();
		await member.locator('.notice', { hasText: nl.collab_read_only }).waitFor(liveTimeout);
		await member.locator('[data-status="online"]').waitFor(liveTimeout);
	});

	it('stops and says why when one change is too large to save, and keeps none of it', async () => {
		const page = await signIn(sanne);
		await openPlan(page, debtsCase);
		await page.locator('.narrative').click();
		// More than the 1 MiB a message may carry, in one go (a huge paste).
		await page.evaluate(() => document.execCommand('insertText', false, 'x'.repeat(1_100_000)));

		await page
			.getByRole('alert')
			.filter({ hasText: nl.collab_closed_change_too_large })
			.waitFor(liveTimeout);
		expect(await status(page).getAttribute('data-status')).toBe('closed');
		// The browser's offline copy is dropped: a reload must not send the change again.
		const offlineCopy = `maatwerklab:cases/${debtsCase}`;
		await expect
			.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
			.not.toContain(offlineCopy);
		await page.getByRole('button', { name: nl.collab_reload }).click();
		await page.locator('[data-status="online"]').waitFor(liveTimeout);
		expect((await narrativeText(page)).length).toBeLessThan(10_000);
	});

	it('fits the case, plan and version pages on a phone without sideways scrolling', async () => {
		const page = await signIn(sanne);
		await page.setViewportSize({ width: 390, height: 844 });
		const fits = async () => {
			const widths = await page.evaluate(() => ({
				page: document.documentElement.scrollWidth,
				viewport: document.documentElement.clientWidth
			}));
			expect(widths.page, page.url()).toBeLessThanOrEqual(widths.viewport);
		};
		await openPlan(page, schoolCase);
		await fits();
		await openHydrated(page, `/cases/${schoolCase}`);
		await fits();
		await openHydrated(page, `/cases/${schoolCase}/versions`);
		await fits();
		// Earlier tests saved versions of this case.
		await page.locator('tbody a').first().click();
		await page.locator('h1').waitFor();
		await fits();
	});

	it('keeps the keyboard focus where it is useful: link box, removing a plan item', async () => {
		const page = await signIn(sanne);
		await openPlan(page, transportCase);
		const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

		const linkButton = page.getByRole('button', { name: nl.collab_link, exact: true });
		await linkButton.click();
		expect(await isFocused(page.getByRole('textbox', { name: nl.collab_link_url }))).toBe(true);
		await page.keyboard.press('Escape');
		expect(await page.getByRole('textbox', { name: nl.collab_link_url }).count()).toBe(0);
		expect(await isFocused(linkButton)).toBe(true);

		const add = page.getByRole('button', { name: nl.plan_add });
		const removeWithKeyboard = async (id: string | undefined) => {
			await page.locator(`[data-plan-item="${id}"] button.danger`).focus();
			await page.keyboard.press('Enter');
			await page.keyboard.press('Enter');
		};
		// The demo case has a plan: start from an empty one.
		while ((await page.locator('[data-plan-item]').count()) > 0) {
			const count = await page.locator('[data-plan-item]').count();
			await removeWithKeyboard(
				(await page.locator('[data-plan-item]').first().getAttribute('data-plan-item')) ?? undefined
			);
			await expect.poll(() => page.locator('[data-plan-item]').count()).toBe(count - 1);
		}
		for (let i = 0; i < 3; i++) await add.click();
		const [first, second, third] = await page
			.locator('[data-plan-item]')
			.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.planItem));
		const action = (id: string | undefined) => page.locator(`#plan-${id}-action`);
		// Focus moves to the next item's first field, else the previous one's, else the add button.
		await removeWithKeyboard(second);
		await expect.poll(() => isFocused(action(third))).toBe(true);
		await removeWithKeyboard(third);
		await expect.poll(() => isFocused(action(first))).toBe(true);
		await removeWithKeyboard(first);
		await expect.poll(() => isFocused(add)).toBe(true);
		await expectSaved(page);
	});
});
