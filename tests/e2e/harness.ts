import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { demoAccounts, demoCases, demoPassword } from '$lib/server/demo/data';
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

/** The demo account with this e-mail address; throws for an address the demo does not have. */
export function demoPerson(email: string): (typeof demoAccounts)[number] {
	const account = demoAccounts.find((a) => a.email === email);
	if (!account) throw new Error(`${email} is not a demo account`);
	return account;
}

/** The role the account has in the demo case; undefined when it is not a member. */
export function demoRole(caseId: string, accountId: string): string | undefined {
	return demoCases.find((c) => c.id === caseId)?.members.find(([id]) => id === accountId)?.[1];
}

/** Browser context options a test may set; the base URL and the Dutch locale are fixed. */
export type PageOptions = Omit<BrowserContextOptions, 'baseURL' | 'locale'>;

export type PlanOptions = {
	/** Also wait until the live document has synced (default true). */
	synced?: boolean;
	/** Wait for the live narrative editor rather than any narrative (default false). */
	editor?: boolean;
};

export type UsedApp = {
	readonly app: RunningApp;
	readonly browser: Browser;
	/** A page in a fresh context (own cookies and IndexedDB). */
	open(options?: PageOptions): Promise<Page>;
	/** A page in a fresh context, signed in as the demo `person`. */
	signIn(person: { email: string }, options?: PageOptions): Promise<Page>;
	/** Opens the case's plan page and waits until its live document is connected. */
	openPlan(page: Page, caseId: string, options?: PlanOptions): Promise<void>;
};

const liveTimeout = { timeout: 10_000 };

/**
 * Registers the hooks of a describe block that runs on one app and one browser: both start in
 * beforeAll and stop in afterAll (with the app's output when it exits with an error). Pages
 * opened during a test are closed after it; pages opened in a beforeAll stay open until the
 * browser closes.
 */
export function useApp(options: { loadDemo?: boolean } = {}): UsedApp {
	let app: RunningApp | undefined;
	let browser: Browser | undefined;
	let inTest = false;
	const opened: Page[] = [];

	beforeAll(async () => {
		[app, browser] = await Promise.all([startApp(options), launchBrowser()]);
	});
	beforeEach(() => {
		inTest = true;
	});
	afterEach(async () => {
		inTest = false;
		await Promise.all(opened.splice(0).map((page) => page.context().close()));
	});
	afterAll(async () => {
		await browser?.close();
		const exit = await app?.stop();
		if (exit && exit.code !== 0) console.error(`app exited with ${exit.code}:\n${app!.output()}`);
	});

	const running = () => {
		if (!app || !browser) throw new Error('the app and browser start in beforeAll');
		return { app, browser };
	};

	async function open(pageOptions: PageOptions = {}): Promise<Page> {
		const { app, browser } = running();
		const context = await browser.newContext({ ...pageOptions, baseURL: app.url, locale: 'nl-NL' });
		const page = await context.newPage();
		if (inTest) opened.push(page);
		return page;
	}

	async function signIn(person: { email: string }, pageOptions?: PageOptions): Promise<Page> {
		const page = await open(pageOptions);
		await logIn(page, person.email, demoPassword);
		return page;
	}

	async function openPlan(page: Page, caseId: string, plan: PlanOptions = {}): Promise<void> {
		const { synced = true, editor = false } = plan;
		await page.goto(`/cases/${caseId}/plan`);
		const status = synced ? '[data-status="online"][data-synced="true"]' : '[data-status="online"]';
		await page.locator(status).waitFor(liveTimeout);
		if (editor) await page.locator('.narrative.ProseMirror:not(.static)').waitFor(liveTimeout);
		else await page.locator('.narrative').waitFor();
	}

	return {
		get app() {
			return running().app;
		},
		get browser() {
			return running().browser;
		},
		open,
		signIn,
		openPlan
	};
}

/** `useApp` on the fictional demo deployment (five families, everyone's password demoPassword). */
export const useDemoApp = (): UsedApp => useApp({ loadDemo: true });

/** Fills the form fields `#field-<name>` with their values, in order. */
export async function fillFields(page: Page, fields: Record<string, string>): Promise<void> {
	for (const [name, value] of Object.entries(fields)) {
		await page.locator(`#field-${name}`).fill(value);
	}
}

/** Waits for the polite status message `text` (the notice after a form action). */
export function waitForNotice(page: Page, text: string): Promise<void> {
	return page.getByRole('status').filter({ hasText: text }).waitFor();
}

/** A message with its `{placeholders}` filled in, as the page shows it. */
export const fillMessage = (template: string, values: Record<string, string | number>): string =>
	template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));
