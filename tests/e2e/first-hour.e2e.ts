import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoOrganisations } from '$lib/server/demo/data';
import nl from '../../messages/nl.json';
import { expectNoSeriousA11yViolations, demoPerson, openHydrated, useDemoApp } from './harness';

// What a newcomer meets in their first hour on the demo deployment: a phone, the member picker,
// and the audit trail of a case they worked on.
const schoolCase = '00000000-0000-4000-8000-000000000301';
const householdCase = '00000000-0000-4000-8000-000000000303';
const phone = { width: 390, height: 844 };
const liveTimeout = { timeout: 10_000 };
const financesScore = `${nl.domain_financien} ${nl.domains_score}`;

const sanne = demoPerson('sanne@demo.example');
const organisationOf = (email: string) =>
	demoOrganisations.find((o) => o.id === demoPerson(email).organisationId)!.name;

describe("a newcomer's first hour", () => {
	const { signIn } = useDemoApp();

	/** Visible elements inside `scope` that stick out of the viewport on the left or right. */
	async function offScreen(scope: Locator): Promise<string[]> {
		return scope.evaluateAll((roots) => {
			const width = document.documentElement.clientWidth;
			return roots.flatMap((root) =>
				[root, ...root.querySelectorAll('*')]
					.filter((element) => {
						const box = element.getBoundingClientRect();
						if (box.width === 0 || box.height === 0) return false;
						if (element.closest('.visually-hidden, thead, caption')) return false;
						return box.left < -0.5 || box.right > width + 0.5;
					})
					.map((element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim()}"`)
			);
		});
	}

	const horizontalScroll = (page: Page) =>
		page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);

	it('fits a 390 px phone: a low header, members and life domains without sideways scrolling', async () => {
		const page = await signIn(sanne, { viewport: phone });
		await openHydrated(page, `/cases/${schoolCase}`);
		const header = await page.locator('body > header, header').first().boundingBox();
		expect(header!.height).toBeLessThanOrEqual(phone.height * 0.15);
		expect(await horizontalScroll(page)).toBe(0);
		const members = page.locator('section[aria-labelledby="members-heading"] table');
		expect(await members.locator('tbody tr').count()).toBe(4);
		expect(await offScreen(members)).toEqual([]);
		await expectNoSeriousA11yViolations(page);

		await page.goto(`/cases/${schoolCase}/plan`);
		await page.locator('[data-status="online"]').waitFor(liveTimeout);
		const domains = page.locator('table.stack-on-phone').filter({ has: page.locator('select') });
		expect(await domains.locator('tbody tr').count()).toBe(13);
		expect(await horizontalScroll(page)).toBe(0);
		expect(await offScreen(domains)).toEqual([]);
		await domains.getByRole('combobox', { name: financesScore }).selectOption('3');
		const chosen = await domains.getByRole('combobox', { name: financesScore }).boundingBox();
		expect(chosen!.x + chosen!.width).toBeLessThanOrEqual(phone.width);
		await expectNoSeriousA11yViolations(page);
	});

	it('offers professionals to add as "Name — Organisation"', async () => {
		const page = await signIn(sanne);
		await openHydrated(page, `/cases/${schoolCase}`);
		const options = await page.locator('#field-userId option').allTextContents();
		expect(options).toEqual(
			expect.arrayContaining([
				`Kees Woonconsulent — ${organisationOf('kees@demo.example')}`,
				`Petra Schuldhulp — ${organisationOf('petra@demo.example')}`
			])
		);
	});

	it('shows the owner a readable trail: labels, Dutch time, one line per live visit, filters', async () => {
		// Sanne works live on the household case: she scores finances, then leaves the plan.
		const owner = await signIn(sanne);
		await owner.goto(`/cases/${householdCase}/plan`);
		await owner.locator('[data-status="online"]').waitFor(liveTimeout);
		await owner.getByRole('combobox', { name: financesScore }).selectOption('2');
		await owner.waitForTimeout(500);

		const rowsText = async () => {
			await openHydrated(owner, `/cases/${householdCase}/audit`);
			return owner.locator('tbody').innerText();
		};
		await expect.poll(rowsText, liveTimeout).toMatch(/Werkte live van .+ tot /);
		const text = await rowsText();
		expect(text).toMatch(/1 wijziging in: leefgebieden\.|\d+ wijzigingen in: leefgebieden\./);
		expect(text).not.toMatch(/\bcase\.[a-z_.]+/);
		expect(text).not.toMatch(/UTC/);
		// Dutch dates and times: "6 dec 2026, 05:09:12".
		const when = await owner.locator('tbody tr td time').first().innerText();
		expect(when).toMatch(/^\d{1,2} [a-z]{3}\.? \d{4},? \d{2}:\d{2}:\d{2}$/);
		await expectNoSeriousA11yViolations(owner);

		// Filter: Sanne's visits only.
		await owner.locator('#field-person').selectOption({ label: 'Sanne de Regisseur' });
		await owner.locator('#field-action').selectOption({ label: nl.audit_action_case_plan_open });
		await Promise.all([
			owner.waitForURL(/person=/),
			owner.getByRole('button', { name: nl.audit_filter_submit }).click()
		]);
		const filtered = await owner
			.locator('tbody tr')
			.evaluateAll((rows) =>
				rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.innerText.trim()))
			);
		expect(filtered.length).toBeGreaterThan(0);
		for (const [, who, , action] of filtered) {
			expect(who).toBe('Sanne de Regisseur');
			expect(action).toBe(nl.audit_action_case_plan_open);
		}

		// A period that ends before it starts is refused with a message.
		await openHydrated(owner, `/cases/${householdCase}/audit?from=2026-03-04&to=2026-03-03`);
		await owner.getByText(nl.audit_error_period).waitFor();
	});
});
