import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoSeriousA11yViolations, launchBrowser } from './harness';

// Checks the accessibility helper itself on fixed markup, independent of the app's pages.
describe('expectNoSeriousA11yViolations', () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await launchBrowser();
		page = await (await browser.newContext()).newPage();
	});

	afterAll(async () => {
		await browser?.close();
	});

	const document = (body: string) =>
		`<!doctype html><html lang="nl"><head><title>Proef</title></head><body><main>${body}</main></body></html>`;

	it('accepts an accessible page', async () => {
		await page.setContent(document('<h1>Hallo</h1><p>Welkom.</p>'));
		await expectNoSeriousA11yViolations(page);
	});

	it('names the rule and the element of a serious violation', async () => {
		await page.setContent(
			document('<h1>Hallo</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">')
		);
		await expect(expectNoSeriousA11yViolations(page)).rejects.toThrow(
			/image-alt \(critical\).*\n\s+img/
		);
	});
});
