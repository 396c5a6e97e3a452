import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, loadDemo, startAppProcess, type AppProcess } from '../helpers/app-process';

export const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-quic',
	'--no-first-run',
	'--disable-gpu'
];
const a11yTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type RunningApp = AppProcess & { dataDir: string };

// Data directories of apps still running when the test process exits (a failed or aborted file).
const temporaryDirs = new Set<string>();
process.once('exit', () => {
	for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The built app on a free port with its own embedded database in a temporary directory, at
 * http://localhost:<port> (the session cookie is Secure everywhere but on localhost). `stop()`
 * ends it and removes the directory.
 */
export async function startApp(
	options: { loadDemo?: boolean; origin?: string } = {}
): Promise<RunningApp> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-e2e-'));
	temporaryDirs.add(dataDir);
	const removeDataDir = () => {
		fs.rmSync(dataDir, { recursive: true, force: true });
		temporaryDirs.delete(dataDir);
	};
	try {
		if (options.loadDemo) await loadDemo({ dataDir });
		const app = await startAppProcess({ dataDir }, await freePort(), {
			hostname: 'localhost',
			origin: options.origin
		});
		const stop = async () => {
			const exit = await app.stop();
			removeDataDir();
			return exit;
		};
		return { ...app, dataDir, stop };
	} catch (error) {
		removeDataDir();
		throw error;
	}
}

/** Debian's Chromium, headless. Close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath,
		headless: true,
		args: chromiumArgs,
		timeout: 30_000
	});
}

/** A page in a fresh context (no cookies), Dutch locale, relative URLs resolved against baseURL. */
export async function newPage(browser: Browser, baseURL: string): Promise<Page> {
	const context = await browser.newContext({ baseURL, locale: 'nl-NL' });
	return context.newPage();
}

/**
 * Loads a page and waits until the network is idle, by when SvelteKit has hydrated it (and the
 * page's scripts answer clicks).
 */
export async function openHydrated(page: Page, url: string): Promise<void> {
	await page.goto(url, { waitUntil: 'networkidle' });
}

/**
 * Signs in through the login form (in any language) and waits until the app has left the login
 * page; fails with the form's error when the login is refused.
 */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
	await openHydrated(page, '/login');
	await page.locator('#field-email').fill(email);
	await page.locator('#field-password').fill(password);
	await Promise.all([
		page
			.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 })
			.catch(async () => {
				const problem = await page.locator('.error, .alert').allTextContents();
				throw new Error(`Login as ${email} failed: ${problem.join(' ') || 'still on /login'}`);
			}),
		page.locator('main form button').click()
	]);
}

/** Runs axe (WCAG 2.1 A and AA) and throws when it finds serious or critical violations. */
export async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(a11yTags).analyze();
	const serious = results.violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	if (serious.length === 0) return;
	const described = serious.map((violation) => {
		const selectors = violation.nodes.map((node) => `    ${node.target.flat().join(' ')}`);
		return `- ${violation.id} (${violation.impact}): ${violation.help}\n${selectors.join('\n')}`;
	});
	throw new Error(
		`${serious.length} serious accessibility violation(s) on ${page.url()}:\n${described.join('\n')}`
	);
}
