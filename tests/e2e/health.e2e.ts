import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, startApp, type RunningApp } from './harness';

describe('a freshly started app', () => {
	let app: RunningApp;
	let browser: Browser;

	beforeAll(async () => {
		app = await startApp();
		browser = await launchBrowser();
	});

	afterAll(async () => {
		await browser?.close();
		await app?.stop();
	});

	it('reports itself healthy on its embedded database', async () => {
		const response = await fetch(`${app.url}/healthz`);
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite' });
	});

	it('serves its start page in Dutch with security headers', async () => {
		const page = await newPage(browser, app.url);
		const response = await page.goto('/');
		expect(response?.ok()).toBe(true);
		expect(await page.locator('html').getAttribute('lang')).toBe('nl');
		const headers = response!.headers();
		expect(headers['x-content-type-options']).toBe('nosniff');
		expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
		await page.context().close();
	});
});
