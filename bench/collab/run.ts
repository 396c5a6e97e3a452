/**
 * Collaboration load benchmark: the same load, from the same generator, against this server
 * (production build, persistence and authorisation on) and the reference y-websocket server.
 * See bench/README.md.
 *
 *   npm run bench:collab -- [--quick] [--duration 20] [--db pglite|postgres] [--workers 2]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareBenchRun } from '../shared/run-setup';
import { seed, type BenchDatabase, type Seeded } from './database';
import { Generator } from './generator';
import { measurePhase, type LoadSpec, type PhaseResult, type Timing } from './measure';
import type { ClientSpec } from './protocol';
import { formatRatios, formatTable, ratios, warnings, type Ratios } from './report';
import {
	children,
	profileServersInto,
	setServerFlags,
	startOurServer,
	startReferenceServer,
	type RunningServer,
	type ServerKind
} from './servers';

const { values: options } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		duration: { type: 'string' },
		warmup: { type: 'string' },
		'ramp-step': { type: 'string' },
		workers: { type: 'string', default: '2' },
		db: { type: 'string', default: 'pglite' },
		'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
		servers: { type: 'string', default: 'ours,reference' },
		loads: { type: 'string', default: '1x10x5,1x50x1,50x20x0.1,150x20x0.05' },
		ramp: { type: 'string', default: '50x20' },
		'ramp-rates': { type: 'string' },
		'no-awareness': { type: 'boolean', default: false },
		build: { type: 'boolean', default: false },
		profile: { type: 'string' },
		'server-flags': { type: 'string' },
		logs: { type: 'string' }
	}
});

const quick = options.quick;
const timing: Timing = {
	warmupS: Number(options.warmup ?? (quick ? 1 : 5)),
	durationS: Number(options.duration ?? (quick ? 4 : 20)),
	drainTimeoutS: 15
};
const rampTiming: Timing = {
	warmupS: quick ? 1 : 3,
	durationS: Number(options['ramp-step'] ?? (quick ? 3 : 10)),
	drainTimeoutS: 15
};
const rampRates = (options['ramp-rates'] ?? (quick ? '0.2,0.5' : '0.1,0.2,0.3,0.4,0.5,0.7,1,1.5,2'))
	.split(',')
	.map(Number);
const workerCount = Number(options.workers);
const servers = options.servers.split(',') as ServerKind[];
const parseLoad = (text: string): LoadSpec => {
	const [docs, clients, rate] = text.split('x').map(Number);
	return { docs, clients, rate: rate ?? rampRates[0] };
};
const loads = options.loads ? options.loads.split(',').map(parseLoad) : [];
const rampLoad = options.ramp ? parseLoad(options.ramp) : null;
const p99Limit = 100;
const connectConcurrency = 16;

const describe = (l: LoadSpec) =>
	`${l.docs} doc${l.docs > 1 ? 's' : ''} × ${l.clients} clients × ${l.rate}/s (${l.docs * l.clients} connections)`;
const log = (line: string) => console.log(line);

function clientsFor(spec: LoadSpec, caseIds: string[], tokens: string[]): ClientSpec[] {
	const clients: ClientSpec[] = [];
	for (let doc = 0; doc < spec.docs; doc++) {
		for (let i = 0; i < spec.clients; i++) {
			clients.push({
				key: `d${doc}c${i}`,
				doc,
				room: `cases/${caseIds[doc]}`,
				token: tokens[i % tokens.length]
			});
		}
	}
	return clients;
}

type Session = {
	server: RunningServer;
	generator: Generator;
	rssIdleMb: number;
	connect: { ms: number; failed: number };
};

async function openSession(
	kind: ServerKind,
	spec: LoadSpec,
	caseIds: string[],
	context: Context
): Promise<Session> {
	const server =
		kind === 'ours'
			? await startOurServer(context.entry, context.database.env, context.logDir)
			: await startReferenceServer(context.logDir);
	const generator = new Generator(workerCount);
	await new Promise((resolve) => setTimeout(resolve, 500));
	const rssIdleMb = server.sample().rssMb;
	const connect = await generator.connect(
		server.url,
		clientsFor(spec, caseIds, context.seeded.tokens),
		{
			concurrency: connectConcurrency,
			awareness: !options['no-awareness']
		}
	);
	log(
		`  ${kind}: ${connect.connected} clients connected and synced in ${(connect.ms / 1000).toFixed(1)} s`
	);
	return { server, generator, rssIdleMb, connect };
}

async function closeSession(session: Session) {
	await session.generator.close();
	await session.server.stop();
}

/** `logDir` receives the servers' output (kept with --logs, else removed at the end). */
type Context = { database: BenchDatabase; seeded: Seeded; logDir: string; entry: string };

async function runLoad(spec: LoadSpec, caseIds: string[], context: Context) {
	log(`\n== ${describe(spec)}, ${timing.durationS} s measured after ${timing.warmupS} s warm-up`);
	const rows: PhaseResult[] = [];
	for (const kind of servers) {
		const session = await openSession(kind, spec, caseIds, context);
		try {
			const { result } = await measurePhase({
				...session,
				database: context.database,
				spec,
				timing,
				missingBefore: 0
			});
			rows.push(result);
		} finally {
			await closeSession(session);
		}
	}
	log(formatTable(rows));
	rows.flatMap(warnings).forEach((w) => log(`  ! ${w}`));
	const [ours, reference] = [
		rows.find((r) => r.server === 'ours'),
		rows.find((r) => r.server === 'reference')
	];
	const ratio = ours && reference ? ratios(ours, reference) : null;
	if (ratio) log(formatRatios(ratio, context.database.kind === 'postgres'));
	return { load: describe(spec), results: rows, ratios: ratio };
}

async function runRamp(spec: LoadSpec, caseIds: string[], context: Context) {
	log(
		`\n== ramp on ${spec.docs} docs × ${spec.clients} clients: rates ${rampRates.join(', ')}/s per client, ` +
			`${rampTiming.durationS} s per step, until p99 > ${p99Limit} ms`
	);
	const outcome: Record<
		string,
		{ steps: PhaseResult[]; lastRateUnderLimit: number | null; deliveriesPerS: number | null }
	> = {};
	for (const kind of servers) {
		const session = await openSession(kind, { ...spec, rate: rampRates[0] }, caseIds, context);
		const steps: PhaseResult[] = [];
		let missingBefore = 0;
		try {
			for (const rate of rampRates) {
				const phase = await measurePhase({
					...session,
					database: context.database,
					spec: { ...spec, rate },
					timing: rampTiming,
					missingBefore
				});
				missingBefore = phase.missingTotal;
				steps.push(phase.result);
				const r = phase.result;
				log(
					`  ${kind} at ${rate}/s: ${r.deliveriesPerS.toFixed(0)} deliveries/s, p50 ${r.p50.toFixed(2)} ms, ` +
						`p99 ${r.p99.toFixed(2)} ms, missing ${r.missing}, generator CPU ${r.generatorCpuPct.toFixed(0)}%`
				);
				if (r.p99 > p99Limit || r.missing > 0 || !r.converged) break;
			}
		} finally {
			await closeSession(session);
		}
		const ok = (s: PhaseResult) => s.p99 <= p99Limit && s.missing === 0 && s.converged;
		const last = steps.filter((s, i) => ok(s) && steps.slice(0, i).every(ok)).at(-1) ?? null;
		outcome[kind] = {
			steps,
			lastRateUnderLimit: last?.rate ?? null,
			deliveriesPerS: last?.deliveriesPerS ?? null
		};
		log(formatTable(steps));
		steps.flatMap(warnings).forEach((w) => log(`  ! ${w}`));
		const exceeded = !ok(steps.at(-1)!);
		log(
			`  ${kind}: last rate with p99 ≤ ${p99Limit} ms: ${last ? `${last.rate}/s per client (${last.deliveriesPerS.toFixed(0)} deliveries/s)` : 'none'}` +
				(exceeded ? '' : ' (limit not reached within the rates tried)')
		);
	}
	return outcome;
}

function fdLimit(): string {
	return execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
}

async function main() {
	log(
		`Collab benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${workerCount} generator workers, ` +
			`database ${options.db}, awareness ${options['no-awareness'] ? 'off' : 'on'}, fd limit ${fdLimit()}`
	);
	const needed = Math.max(
		...[...loads, ...(rampLoad ? [rampLoad] : [])].map((l) => l.docs * l.clients)
	);
	const limit = fdLimit();
	if (limit !== 'unlimited' && Number(limit) < needed + 1000) {
		throw new Error(
			`fd limit ${limit} is too low for ${needed} connections: run \`ulimit -n 65536\` first`
		);
	}
	if (options.profile) profileServersInto(path.resolve(options.profile));
	if (options['server-flags']) setServerFlags(options['server-flags'].split(' '));
	const { build, workDir, database, cleanup } = await prepareBenchRun(
		{
			build: options.build,
			db: options.db,
			databaseUrl: options['database-url'],
			workDirPrefix: 'mwl-bench-'
		},
		log
	);
	try {
		const caseCount = loads.reduce((n, l) => n + l.docs, 0) + (rampLoad?.docs ?? 0);
		const accounts = Math.max(20, ...loads.map((l) => l.clients), rampLoad?.clients ?? 0);
		const started = Date.now();
		const seeded = await seed(database, caseCount, accounts);
		log(
			`· seeded ${caseCount} cases, ${accounts} accounts (members of every case) in ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
		const logDir = options.logs ? path.resolve(options.logs) : workDir;
		fs.mkdirSync(logDir, { recursive: true });
		const context: Context = { database, seeded, logDir, entry: build.entry };
		let nextCase = 0;
		const takeCases = (n: number) => seeded.caseIds.slice(nextCase, (nextCase += n));
		const summary: { loads: unknown[]; ramp: unknown; ratios: Record<string, Ratios | null> } = {
			loads: [],
			ramp: null,
			ratios: {}
		};
		for (const spec of loads) {
			const outcome = await runLoad(spec, takeCases(spec.docs), context);
			summary.loads.push(outcome);
			summary.ratios[outcome.load] = outcome.ratios;
		}
		if (rampLoad) summary.ramp = await runRamp(rampLoad, takeCases(rampLoad.docs), context);
		log(
			`\nBENCH_COLLAB_JSON ${JSON.stringify({ database: database.kind, workers: workerCount, timing, rampTiming, ...summary })}`
		);
		log(`· total ${((Date.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		await cleanup();
	}
}

main().catch((error) => {
	console.error(error);
	for (const child of children) child.kill('SIGKILL');
	process.exit(1);
});
