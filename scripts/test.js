#!/usr/bin/env node
// `npm test`: unit + integration tests (vitest on PGlite, and on PostgreSQL when there is one),
// then end-to-end tests (the built app driven by Chromium). Ends with a summary of what ran, what
// was skipped and why, and the line `N passed, N failed[, N skipped]`.
//
//   node scripts/test.js [--only unit|e2e]
//
// TEST_DATABASE_URL picks the PostgreSQL server; unset, postgres://postgres@127.0.0.1:5432/test is
// used when it answers. REQUIRE_ALL=1 (set by CI) makes a skipped part a failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { buildIfStale, root } from './build-if-stale.js';

const probedDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/test';
const chromiumPath = '/usr/bin/chromium';
const resultsDir = path.join(root, 'test-results');
const vitestEntry = path.join(root, 'node_modules/vitest/vitest.mjs');

const only = parseOnly(process.argv.slice(2));
const requireAll = process.env.REQUIRE_ALL === '1';

/** One line per part for the summary: `{ outcome: 'ran' | 'failed' | 'skipped' | 'not run', text }`. */
const report = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let skippedParts = 0;
let interrupted = false;
let currentChild;

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		interrupted = true;
		currentChild?.kill(signal);
	});
}

fs.mkdirSync(resultsDir, { recursive: true });
if (only === 'e2e') report.push({ outcome: 'not run', text: 'unit + integration (--only e2e)' });
else await runUnitTests();
if (only === 'unit') report.push({ outcome: 'not run', text: 'end-to-end (--only unit)' });
else if (!interrupted) await runEndToEndTests();
printSummary();
process.exit(totals.failed > 0 || interrupted || (requireAll && skippedParts > 0) ? 1 : 0);

function parseOnly(args) {
	const usage = 'usage: node scripts/test.js [--only unit|e2e]';
	const joined = args.join('=');
	if (joined === '') return undefined;
	const match = /^--only=(unit|e2e)$/.exec(joined);
	if (!match) {
		console.error(usage);
		process.exit(2);
	}
	return match[1];
}

async function runUnitTests() {
	const env = { ...process.env };
	let databases;
	if (process.env.TEST_DATABASE_URL) {
		databases = `PGlite and PostgreSQL (${redact(process.env.TEST_DATABASE_URL)})`;
	} else {
		delete env.TEST_DATABASE_URL; // set but empty
		const problem = await probePostgres(probedDatabaseUrl);
		if (problem) {
			databases = 'PGlite only';
			skip(
				`PostgreSQL integration runs: TEST_DATABASE_URL is unset and ${probedDatabaseUrl} ` +
					`is not reachable (${problem})`
			);
		} else {
			env.TEST_DATABASE_URL = probedDatabaseUrl;
			databases = `PGlite and PostgreSQL (${probedDatabaseUrl}, found by probing)`;
		}
	}
	const name = `unit + integration on ${databases}`;
	heading(name);
	await runVitest('unit', name, [], env);
}

async function runEndToEndTests() {
	if (!fs.existsSync(chromiumPath)) {
		skip(`end-to-end: Chromium not found at ${chromiumPath} (apt-get install chromium)`);
		return;
	}
	heading('end-to-end (built app + Chromium)');
	try {
		buildIfStale();
	} catch (error) {
		totals.failed += 1;
		report.push({ outcome: 'failed', text: `end-to-end: ${error.message}` });
		return;
	}
	await runVitest('e2e', 'end-to-end', ['--config', 'vitest.e2e.config.ts'], process.env);
}

/** Resolves to null when PostgreSQL answers `select 1`, otherwise to the reason it did not. */
async function probePostgres(url) {
	const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
	try {
		await sql`select 1`;
		return null;
	} catch (error) {
		return error.message || error.code || String(error);
	} finally {
		await sql.end({ timeout: 1 });
	}
}

async function runVitest(label, name, args, env) {
	const reportFile = path.join(resultsDir, `vitest-${label}.json`);
	fs.rmSync(reportFile, { force: true });
	// The local vitest (what `npx vitest` runs), started directly so signals reach it.
	const exitCode = await run(
		process.execPath,
		[
			vitestEntry,
			'run',
			...args,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${reportFile}`
		],
		env
	);
	const counts = readCounts(reportFile);
	// A file that failed to load, an unhandled error or a crash fails no test case; count it as
	// one failure so the final line never reads "0 failed" for a failed run.
	if (exitCode !== 0 && counts.failed === 0) counts.failed = 1;
	totals.passed += counts.passed;
	totals.failed += counts.failed;
	totals.skipped += counts.skipped;
	const outcome = exitCode === 0 ? 'ran' : 'failed';
	const exitNote = exitCode === 0 ? '' : ` (vitest exited with ${exitCode})`;
	report.push({ outcome, text: `${name}: ${formatCounts(counts)}${exitNote}` });
}

function readCounts(reportFile) {
	const counts = { passed: 0, failed: 0, skipped: 0 };
	let results;
	try {
		results = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
	} catch {
		return counts;
	}
	for (const file of results.testResults) {
		const statuses = file.assertionResults.map((test) => test.status);
		for (const status of statuses) {
			if (status === 'passed') counts.passed += 1;
			else if (status === 'failed') counts.failed += 1;
			else counts.skipped += 1;
		}
		if (file.status === 'failed' && !statuses.includes('failed')) counts.failed += 1;
	}
	return counts;
}

function run(command, args, env) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
		currentChild = child;
		child.on('error', (error) => {
			console.error(`could not start ${command}: ${error.message}`);
			resolve(1);
		});
		child.on('exit', (code, signal) => {
			currentChild = undefined;
			resolve(code ?? (signal ? 128 : 1));
		});
	});
}

function skip(text) {
	skippedParts += 1;
	report.push({ outcome: 'skipped', text });
}

function heading(text) {
	console.log(`\n▶ ${text}\n`);
}

function formatCounts({ passed, failed, skipped }) {
	return `${passed} passed, ${failed} failed` + (skipped > 0 ? `, ${skipped} skipped` : '');
}

function redact(url) {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(not a valid URL)';
	}
}

function printSummary() {
	console.log('\nTest summary');
	for (const { outcome, text } of report) console.log(`  ${outcome.padEnd(8)} ${text}`);
	if (interrupted) console.log('Interrupted.');
	if (requireAll && skippedParts > 0) {
		console.log(
			'REQUIRE_ALL=1: every part must run, so the skipped parts above count as failures.'
		);
	} else if (skippedParts > 0) {
		console.log('(Skipped parts do not fail `npm test`; CI sets REQUIRE_ALL=1 and requires them.)');
	}
	console.log(formatCounts(totals));
}
