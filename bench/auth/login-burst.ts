/**
 * A burst of parallel wrong logins against the production build on a fresh embedded database,
 * while /healthz is asked every few milliseconds: how long the burst takes, how it is answered
 * (401 wrong credentials, 429 rate limited) and what it does to the latency of other requests.
 *
 *   npm run bench:login -- [--logins 200] [--probe-ms 10]
 *
 * Two bursts, each on a freshly started app (the limits are per process and last 15 minutes):
 * one account (at most 5 attempts may reach the password check), and one unknown account per
 * request (the address limit of 20 decides; each of those still costs a dummy hash).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	buildAppIfStale,
	freePort,
	startAppProcess,
	type AppProcess
} from '../../tests/helpers/app-process';

const { values } = parseArgs({
	options: {
		logins: { type: 'string', default: '200' },
		'probe-ms': { type: 'string', default: '10' }
	}
});
const loginCount = Number(values.logins);
const probeEveryMs = Number(values['probe-ms']);

const admin = {
	name: 'Bench Beheerder',
	email: 'bench@example.test',
	password: 'bench-wachtwoord-1'
};

type Figures = { samples: number; p50: number; p99: number; max: number };

function percentiles(latencies: number[]): Figures {
	const sorted = [...latencies].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

async function timedHealth(url: string): Promise<number> {
	const started = performance.now();
	const response = await fetch(`${url}/healthz`);
	await response.arrayBuffer();
	if (response.status !== 200) throw new Error(`/healthz answered ${response.status}`);
	return performance.now() - started;
}

/** Asks /healthz every `probeEveryMs` (never more than one at a time) until `done` settles. */
async function probeHealthWhile(url: string, done: Promise<unknown>): Promise<number[]> {
	let finished = false;
	void done.finally(() => (finished = true));
	const latencies: number[] = [];
	while (!finished) {
		latencies.push(await timedHealth(url));
		await new Promise((resolve) => setTimeout(resolve, probeEveryMs));
	}
	return latencies;
}

async function createAdmin(app: AppProcess) {
	const response = await fetch(`${app.url}/setup`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			name: admin.name,
			email: admin.email,
			password: admin.password,
			passwordConfirm: admin.password
		})
	});
	if (response.status !== 303) {
		throw new Error(`setup answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	}
}

async function burst(app: AppProcess, emailFor: (i: number) => string) {
	const started = performance.now();
	const logins = Promise.all(
		Array.from({ length: loginCount }, async (_, i) => {
			const response = await fetch(`${app.url}/api/session`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ email: emailFor(i), password: `wrong guess ${i}` })
			});
			await response.arrayBuffer();
			return { status: response.status, ms: performance.now() - started };
		})
	);
	const health = await probeHealthWhile(app.url, logins);
	const answers = await logins;
	const statuses: Record<number, number> = {};
	for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
	return {
		burstMs: Math.max(...answers.map((a) => a.ms)),
		statuses,
		health: percentiles(health)
	};
}

async function withFreshApp<T>(work: (app: AppProcess) => Promise<T>): Promise<T> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-bench-login-'));
	const app = await startAppProcess({ dataDir }, await freePort());
	try {
		await createAdmin(app);
		return await work(app);
	} finally {
		await app.stop();
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

await buildAppIfStale();
console.log(
	`${loginCount} parallel wrong logins (POST /api/session) against the production build on PGlite;`
);
console.log(`/healthz asked every ${probeEveryMs} ms during the burst, one at a time.\n`);

for (const [name, emailFor] of [
	['one account', () => admin.email],
	['a different unknown account each', (i: number) => `nobody-${i}@example.test`]
] as const) {
	const result = await withFreshApp(async (app) => {
		const idle: number[] = [];
		for (let i = 0; i < 100; i++) idle.push(await timedHealth(app.url));
		return { idle: percentiles(idle), ...(await burst(app, emailFor)) };
	});
	console.log(`Burst at ${name}:`);
	console.log(
		`  answers: ${Object.entries(result.statuses)
			.map(([status, count]) => `${count}× ${status}`)
			.join(', ')}; last answer after ${ms(result.burstMs)}`
	);
	console.log(
		`  /healthz idle:        p50 ${ms(result.idle.p50)}, p99 ${ms(result.idle.p99)} (${result.idle.samples} requests)`
	);
	console.log(
		`  /healthz under burst: p50 ${ms(result.health.p50)}, p99 ${ms(result.health.p99)}, max ${ms(result.health.max)} (${result.health.samples} requests)\n`
	);
}
