import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoPassword } from '$lib/server/demo/data';
import nl from '../../messages/nl.json';
import { logIn, useDemoApp } from './harness';

// On a slow connection the server-rendered form is there well before the page's script: what a
// person types in that time must still be there once the script has taken over (hydrated).

/**
 * Opens `url` with the app's scripts held back. Returns `hydrate()`, which lets them through and
 * resolves once SvelteKit has started (its history entry is set) and the network is idle.
 */
async function openBeforeHydration(page: Page, url: string): Promise<() => Promise<void>> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		if (route.request().resourceType() === 'script') await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'domcontentloaded' });
	expect(await isStarted(page)).toBe(false);
	return async () => {
		release();
		await page.waitForFunction(() => history.state?.['sveltekit:history'] !== undefined);
		await page.waitForLoadState('networkidle');
	};
}

const isStarted = (page: Page) =>
	page.evaluate(() => history.state?.['sveltekit:history'] !== undefined);

describe('typing before the page has loaded its script', () => {
	const { open } = useDemoApp();

	it('keeps the e-mail address and password typed into the login form, and signs in', async () => {
		const page = await open();
		const hydrate = await openBeforeHydration(page, '/login');
		await page.locator('#field-email').fill('sanne@demo.example');
		await page.locator('#field-password').fill(demoPassword);
		await hydrate();

		expect(await page.locator('#field-email').inputValue()).toBe('sanne@demo.example');
		expect(await page.locator('#field-password').inputValue()).toBe(demoPassword);
		await Promise.all([
			page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }),
			page.locator('main form button').click()
		]);
		expect(await page.getByText(nl.error_email).count()).toBe(0);
	});

	it('keeps text fields, a text area and a choice on other forms', async () => {
		const page = await open();
		await logIn(page, 'sanne@demo.example', demoPassword);

		let hydrate = await openBeforeHydration(page, '/cases/new');
		const typed = {
			code: 'Gezin T-01',
			title: 'Getypt voor het laden',
			municipality: 'Traagstad',
			composition: 'Vader en twee kinderen.'
		};
		for (const [name, value] of Object.entries(typed)) {
			await page.locator(`#field-${name}`).fill(value);
		}
		await hydrate();
		for (const [name, value] of Object.entries(typed)) {
			expect(await page.locator(`#field-${name}`).inputValue()).toBe(value);
		}
		await Promise.all([
			page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 15_000 }),
			page.locator('main form button').click()
		]);
		await page.getByRole('heading', { level: 1, name: `${typed.code}: ${typed.title}` }).waitFor();

		await page.unrouteAll();
		hydrate = await openBeforeHydration(page, '/cases');
		await page.locator('#field-q').fill('T-01');
		await page.locator('#field-role').selectOption('owner');
		await hydrate();
		expect(await page.locator('#field-q').inputValue()).toBe('T-01');
		expect(await page.locator('#field-role').inputValue()).toBe('owner');
	});
});
