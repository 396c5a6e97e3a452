import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort, type ProcessExit } from '../helpers/app-process';

const root = path.resolve(import.meta.dirname, '../..');
const serverEntry = path.join(root, 'build/main/index.js');
const demoEntry = path.join(root, 'build/main/demo.js');
const demoTimeoutMs = 60_000;
const healthTimeoutMs = 30_000;
const stopTimeoutMs = 10_000;
const keptOutputChars = 10_000;

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

export type StartAppOptions = {
	/** Run on this PostgreSQL database instead of the embedded PGlite one. */
	databaseUrl?: string;
	/** Use this data directory (e.g. to restart on the same data); stop() leaves it in place. */
	dataDir?: string;
	/** Extra environment for the server; overrides the harness's own variables. */
	env?: Record<string, string>;
	/** Load the fictional demo deployment (build/main/demo.js) into the database before starting. */
	loadDemo?: boolean;
};

export type RunningApp = {
	/** http://localhost:<port>: session cookies are Secure everywhere but on localhost. */
	url: string;
	port: number;
	dataDir: string;
	/** SIGTERM, up to 10 s for a clean exit (then SIGKILL), then removes a temporary data dir. */
	stop(): Promise<ServerExit>;
	/** Sends `signal` and waits for the exit; the data dir stays for a restart. */
	kill(signal?: NodeJS.Signals): Promise<ServerExit>;
	/** What the server has written to stdout and stderr so far (the last 10,000 characters). */
	output(): { stdout: string; stderr: string };
};

export type ServerExit = ProcessExit;

// Servers still running when the test process exits (a failed or aborted file) are killed then.
const running = new Set<ChildProcess>();
const temporaryDirs = new Set<string>();
process.once('exit', () => {
	for (const child of running) child.kill('SIGKILL');
	for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the built app (build/main/index.js) on a free port and waits until /healthz is 200. */
export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
	const port = await freePort();
	const url = `http://localhost:${port}`;
	const ownsDataDir = !options.dataDir;
	const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-e2e-'));
	if (ownsDataDir) temporaryDirs.add(dataDir);

	const env = {
		...inheritedEnv(),
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		DATABASE_URL: options.databaseUrl ?? '', // blank means unset: never the caller's own
		ORIGIN: url,
		LOG_LEVEL: 'warn',
		...options.env
	};
	if (options.loadDemo) await loadDemo(env);

	const child = spawn(process.execPath, [serverEntry], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	running.add(child);
	const output = { stdout: '', stderr: '' };
	for (const stream of ['stdout', 'stderr'] as const) {
		child[stream].setEncoding('utf8');
		child[stream].on('data', (chunk: string) => {
			output[stream] = (output[stream] + chunk).slice(-keptOutputChars);
		});
	}
	// 'close' rather than 'exit': by then all of the server's output has been read.
	const closed = new Promise<ServerExit>((resolve) => {
		child.once('close', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		});
	});
	let exit: ServerExit | undefined;
	void closed.then((result) => (exit = result));

	async function kill(signal: NodeJS.Signals = 'SIGKILL') {
		if (!exit) child.kill(signal);
		return closed;
	}

	async function stop() {
		if (!exit) {
			child.kill('SIGTERM');
			if (!(await settlesWithin(closed, stopTimeoutMs))) child.kill('SIGKILL');
		}
		const result = await closed;
		if (ownsDataDir) {
			fs.rmSync(dataDir, { recursive: true, force: true });
			temporaryDirs.delete(dataDir);
		}
		return result;
	}

	try {
		await waitUntilHealthy(url, closed);
	} catch (error) {
		await stop();
		throw new Error(
			`${(error as Error).message}\n--- server stderr ---\n${output.stderr || '(empty)'}` +
				`\n--- server stdout ---\n${output.stdout || '(empty)'}`
		);
	}
	return { url, port, dataDir, stop, kill, output: () => ({ ...output }) };
}

/** Runs the demo loader on the server's database; throws with its output when it fails. */
function loadDemo(env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((resolve, reject) => {
		execFile(
			process.execPath,
			[demoEntry],
			{ cwd: root, env, timeout: demoTimeoutMs },
			(error, stdout, stderr) => {
				if (!error) return resolve();
				const output = `--- stderr ---\n${stderr || '(empty)'}\n--- stdout ---\n${stdout || '(empty)'}`;
				reject(new Error(`Loading the demo deployment failed: ${error.message}\n${output}`));
			}
		);
	});
}

async function waitUntilHealthy(url: string, closed: Promise<ServerExit>) {
	const deadline = Date.now() + healthTimeoutMs;
	let lastProblem = 'no answer';
	let exit: ServerExit | undefined;
	void closed.then((result) => (exit = result));
	while (Date.now() < deadline) {
		if (exit) {
			throw new Error(
				`The app exited before it was healthy (code ${exit.code}, signal ${exit.signal})`
			);
		}
		try {
			const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
			const body = await response.text();
			if (response.status === 200) return;
			lastProblem = `${response.status} ${body.slice(0, 200)}`;
		} catch (error) {
			const cause = (error as Error & { cause?: { code?: string } }).cause;
			lastProblem = cause?.code ?? (error as Error).message;
		}
		await settlesWithin(closed, 100);
	}
	throw new Error(
		`The app was not healthy within ${healthTimeoutMs / 1000} s at ${url}/healthz (${lastProblem})`
	);
}

/** The test process's environment without vitest's own variables (VITEST, VITEST_POOL_ID, …). */
function inheritedEnv() {
	return Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'TEST')
	);
}

/** Whether `promise` settles within `ms`; clears its timer either way so nothing lingers. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, ms, false)));
	try {
		return await Promise.race([promise.then(() => true), timeout]);
	} finally {
		clearTimeout(timer);
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
 * Loads a page and waits until the network is idle, by when SvelteKit has hydrated it: hydration
 * resets the value of an input, so text typed into a server-rendered form before then is lost.
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
