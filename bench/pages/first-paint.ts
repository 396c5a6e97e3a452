/**
 * First paint and when the case content is visible on a case's plan page, on a desktop and on a slow phone
 * (Chrome DevTools throttling: 1.6 Mbps down, 750 kbps up, 150 ms latency, CPU 4× slower).
 *
 * Starts the production build on a fresh embedded database with the demo loaded, opens the
 * plan page of the first demo case signed in as its owner, in a fresh browser context each run
 * (nothing cached), and reports medians over `--runs`:
 * - first contentful paint (the browser's `paint` entry);
 * - narrative in the DOM: when the first paragraph of the case's narrative is in the DOM, seen
 *   by a MutationObserver installed before any of the page's own scripts run;
 * - narrative shown: when it is first painted: the first contentful paint, or the animation
 *   frame after it was put in the DOM when that is later.
 * Both are milliseconds since navigation start. When the demo case has no narrative (a demo
 * without content), the benchmark writes a short case into it over the live connection first.
 *
 *   npm run bench:first-paint -- [--runs 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { caseDocumentName, collabPath } from '../../src/lib/protocol/collab';
import { caseDocumentTypes } from '../../src/lib/protocol/case-document';
import {
	buildAppIfStale,
	freePort,
	loadDemo,
	requestToken,
	startAppProcess
} from '../../tests/helpers/app-process';
import { authenticatedWebSocket } from './websocket';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);

const demoCaseId = '00000000-0000-4000-8000-000000000301';
const owner = { email: 'sanne@demo.example', password: 'demo-maatwerklab-2026' };

const profiles = [
	{ name: 'desktop', viewport: { width: 1280, height: 800 }, throttle: false },
	{ name: 'phone (throttled)', viewport: { width: 390, height: 844 }, throttle: true }
] as const;

/** The text of the narrative's first paragraph; writes a short case first when there is none. */
async function firstParagraphText(collabUrl: string, token: string): Promise<string> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(collabUrl, caseDocumentName(demoCaseId), doc, {
		WebSocketPolyfill: authenticatedWebSocket(token) as unknown as typeof WebSocket,
		disableBc: true
	});
	try {
		await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
		const { narrative } = caseDocumentTypes(doc);
		if (narrative.length === 0) writeStandInCase(doc);
		await new Promise((resolve) => setTimeout(resolve, 500)); // let the update reach the server
		const first = narrative.toArray()[0] as Y.XmlElement;
		return first
			.toArray()
			.map(String)
			.join('')
			.replace(/<[^>]+>/g, '');
	} finally {
		provider.destroy();
		doc.destroy();
	}
}

function writeStandInCase(doc: Y.Doc) {
	const types = caseDocumentTypes(doc);
	doc.transact(() => {
		for (const text of [
			'Moeder en haar twee kinderen wonen sinds drie jaar in Demostad. De zoon is langdurig ziek en kan niet naar school.',
			'De school, de jeugdhulp en de gemeente zoeken elk naar een oplossing binnen hun eigen regels.'
		]) {
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(text)]);
			types.narrative.push([paragraph]);
		}
		types.breakthroughText.insert(0, 'De zoon krijgt onderwijs thuis tot hij hersteld is.');
		for (let i = 0; i < 4; i++) {
			types.planItems.set(
				`bench-${i}`,
				new Y.Map<unknown>([
					['id', `bench-${i}`],
					['position', i],
					['action', new Y.Text(`Actie ${i + 1}`)],
					['organisation', new Y.Text('Gemeente Demostad')],
					['person', new Y.Text('Sanne')],
					['legalBasis', new Y.Text('Wmo 2015')],
					['costEstimate', 500],
					['dueDate', '2026-03-01'],
					['status', 'concept']
				])
			);
		}
	});
}

/**
 * Runs in the page before its scripts: notes when `probe` is first in the DOM, and the next
 * animation frame. A string, not a function: tsx would wrap a function's inner functions in a
 * helper the page does not have.
 */
const watchForText = (probe: string) => `
	(() => {
		const probe = ${JSON.stringify(probe)};
		const observer = new MutationObserver(() => {
			if (window.__contentInDomAt === undefined && document.body?.textContent?.includes(probe)) {
				window.__contentInDomAt = performance.now();
				observer.disconnect();
				requestAnimationFrame(() => (window.__contentShownAt = performance.now()));
			}
		});
		observer.observe(document, { childList: true, subtree: true, characterData: true });
	})();
`;

type Timings = { fcp: number; inDom: number; shown: number };

async function measure(browser: Browser, baseURL: string, token: string, probe: string) {
	const results: Record<string, Timings[]> = {};
	for (const profile of profiles) {
		results[profile.name] = [];
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext({
				baseURL,
				locale: 'nl-NL',
				viewport: profile.viewport
			});
			await context.addCookies([
				{ name: 'maatwerklab_session', value: token, url: baseURL, httpOnly: true }
			]);
			const page = await context.newPage();
			await page.addInitScript(watchForText(probe));
			if (profile.throttle) {
				const cdp = await context.newCDPSession(page);
				await cdp.send('Network.enable');
				await cdp.send('Network.emulateNetworkConditions', {
					offline: false,
					latency: 150,
					downloadThroughput: (1.6 * 1024 * 1024) / 8,
					uploadThroughput: (750 * 1024) / 8
				});
				await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
			}
			await page.goto(`/cases/${demoCaseId}/plan`, { waitUntil: 'commit' });
			type Marks = { __contentInDomAt?: number; __contentShownAt?: number };
			await page.waitForFunction(
				() =>
					(window as Marks).__contentShownAt !== undefined &&
					performance.getEntriesByName('first-contentful-paint').length > 0,
				undefined,
				{ timeout: 60_000, polling: 50 }
			);
			const timings = await page.evaluate(() => {
				const fcp = performance.getEntriesByName('first-contentful-paint')[0].startTime;
				const marks = window as Marks;
				// Nothing is painted before the first contentful paint: text that was in the DOM
				// earlier is first seen then.
				return {
					fcp,
					inDom: marks.__contentInDomAt!,
					shown: Math.max(fcp, marks.__contentShownAt!)
				};
			});
			if (process.env.BENCH_VERBOSE) console.log(profile.name, run, timings);
			results[profile.name].push(timings);
			await context.close();
		}
	}
	return results;
}

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};

await buildAppIfStale();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-bench-'));
let browser: Browser | undefined;
const app = await (async () => {
	await loadDemo({ dataDir });
	return startAppProcess({ dataDir }, await freePort(), { hostname: 'localhost' });
})();
try {
	const token = await requestToken(app.url, owner.email, owner.password);
	const probe = (
		await firstParagraphText(app.url.replace(/^http/, 'ws') + collabPath, token)
	).slice(0, 40);
	browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run']
	});
	const results = await measure(browser, app.url, token, probe);
	console.log(`Plan page of a demo case, median of ${runs} cold loads (ms since navigation start)`);
	console.log('| profile | first contentful paint | narrative in the DOM | narrative shown |');
	console.log('| --- | --- | --- | --- |');
	for (const [name, timings] of Object.entries(results)) {
		const column = (key: keyof Timings) => Math.round(median(timings.map((t) => t[key])));
		console.log(`| ${name} | ${column('fcp')} | ${column('inDom')} | ${column('shown')} |`);
	}
} finally {
	await browser?.close();
	await app.stop();
	fs.rmSync(dataDir, { recursive: true, force: true });
}
