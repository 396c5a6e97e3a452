/**
 * Session channel benchmark: Change Lab sessions on socket.io, this server (production build,
 * every command committed before it is broadcast and acknowledged) against a minimal in-memory
 * socket.io relay under the same load in the same run; then a run during which our server is
 * killed with SIGKILL and restarted on the same data. See bench/README.md.
 *
 *   npm run bench:lab -- [--quick] [--duration 60] [--db pglite|postgres] [--workers 2]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runOnDatabase, type BenchDatabase } from '../collab/database';
import type { Timing } from '../collab/measure';
import { children, startOurServer, startServer, type RunningServer } from '../collab/servers';
import { prepareBenchRun } from '../shared/run-setup';
import type { Completeness } from './check';
import { LabGenerator } from './generator';
import { measureLabPhase, type LabPhaseResult, type LabServerKind } from './measure';
import { now, type SessionOutcome, type SessionSpec } from './protocol';
import {
	formatCompleteness,
	formatLabRatios,
	formatPhases,
	isComplete,
	labRatios,
	labWarnings,
	type Checked
} from './report';

const { values: options } = parseArgs({
	options: {
		quick: { type: 'boolean', default: false },
		duration: { type: 'string' },
		warmup: { type: 'string' },
		'kill-duration': { type: 'string' },
		sessions: { type: 'string', default: '50' },
		members: { type: 'string', default: '10' },
		workers: { type: 'string', default: '2' },
		db: { type: 'string', default: 'pglite' },
		'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
		servers: { type: 'string', default: 'ours,relay' },
		'no-kill': { type: 'boolean', default: false },
		build: { type: 'boolean', default: false },
		logs: { type: 'string' }
	}
});

const quick = options.quick;
const timing: Timing = {
	warmupS: Number(options.warmup ?? (quick ? 2 : 5)),
	durationS: Number(options.duration ?? (quick ? 10 : 45)),
	drainTimeoutS: 60
};
const killTiming: Timing = {
	warmupS: 1,
	durationS: Number(options['kill-duration'] ?? (quick ? 30 : 40)),
	drainTimeoutS: 60
};
/** When in the SIGKILL run's window the server is killed (fraction of the window). */
const killAt = 0.25;
const p99Target = 1.5;
const sessionCount = Number(options.sessions);
const memberCount = Number(options.members);
const workerCount = Number(options.workers);
const servers = options.servers.split(',') as LabServerKind[];

const log = (line: string) => console.log(line);
const sleepUntil = (t: number) =>
	new Promise((resolve) => setTimeout(resolve, Math.max(0, t - now())));

type Context = {
	database: BenchDatabase;
	specs: SessionSpec[];
	logDir: string;
	workDir: string;
	entry: string;
	runId: string;
};

function startLabServer(kind: LabServerKind, context: Context, port?: number) {
	return kind === 'ours'
		? startOurServer(context.entry, context.database.env, context.logDir, port)
		: startServer(
				'relay',
				['--import', 'tsx', path.resolve('bench/lab/relay.ts')],
				process.env,
				context.logDir,
				port
			);
}

/** Starts a server, connects and joins every member of every session. */
async function open(kind: LabServerKind, context: Context) {
	const server = await startLabServer(kind, context);
	const generator = new LabGenerator(workerCount);
	await new Promise((resolve) => setTimeout(resolve, 500));
	const rssIdleMb = server.sample().rssMb;
	const connect = await generator.connect(`http://127.0.0.1:${server.port}`, context.specs);
	log(
		`  ${kind}: ${connect.joined} clients connected and joined in ${(connect.ms / 1000).toFixed(1)} s` +
			(connect.failed ? `, ${connect.failed} FAILED` : '')
	);
	return { server, generator, rssIdleMb, connect };
}

/** Checks the phase's commands in the database (with no server running: PGlite). */
async function check(context: Context, tag: string, sessions: SessionOutcome[]) {
	const input = path.join(context.workDir, `outcome-${tag}.json`);
	fs.writeFileSync(input, JSON.stringify({ tag, sessions }));
	return runOnDatabase<Completeness>(context.database, 'bench/lab/check.ts', ['--input', input]);
}

/** The load on the relay (nothing to check: it stores nothing). */
async function runRelay(context: Context) {
	log(`\n== relay: ${timing.durationS} s measured after ${timing.warmupS} s warm-up`);
	const { server, generator, rssIdleMb, connect } = await open('relay', context);
	try {
		const { result } = await measureLabPhase({
			generator,
			server,
			database: null,
			phase: 'load',
			tag: `${context.runId}r`,
			sessions: context.specs.length,
			clients: context.specs.length * memberCount,
			timing,
			rssIdleMb,
			connect
		});
		return result;
	} finally {
		await generator.close();
		await server.stop();
	}
}

/**
 * The load on our server; then, on the same connections, the SIGKILL run: the server is killed
 * during the window and restarted at once on the same data and port, and the clients reconnect
 * and join again by themselves. Both phases are checked in the database afterwards.
 */
async function runOurs(context: Context) {
	log(`\n== ours: ${timing.durationS} s measured after ${timing.warmupS} s warm-up`);
	const opened = await open('ours', context);
	let current: RunningServer<LabServerKind> = opened.server;
	let restartMs: number | null = null;
	const phase = (name: string, tag: string, phaseTiming: Timing) => ({
		...opened,
		server: current,
		database: context.database,
		phase: name,
		tag,
		sessions: context.specs.length,
		clients: context.specs.length * memberCount,
		timing: phaseTiming
	});
	const tags = { load: `${context.runId}o`, kill: `${context.runId}k` };
	let load: Awaited<ReturnType<typeof measureLabPhase>>;
	let killed: Awaited<ReturnType<typeof measureLabPhase>> | null = null;
	try {
		load = await measureLabPhase(phase('load', tags.load, timing));
		if (!options['no-kill']) {
			log(
				`\n== ours, SIGKILL: ${killTiming.durationS} s after ${killTiming.warmupS} s warm-up, ` +
					`killed ${Math.round(killAt * killTiming.durationS)} s into the window`
			);
			killed = await measureLabPhase({
				...phase('SIGKILL', tags.kill, killTiming),
				during: async ({ from, to }) => {
					await sleepUntil(from + killAt * (to - from));
					await current.kill();
					const killedAt = now();
					current = await startLabServer('ours', context, current.port);
					restartMs = now() - killedAt;
					log(
						`  killed with SIGKILL; restarted and listening after ${(restartMs / 1000).toFixed(1)} s`
					);
				}
			});
		}
	} finally {
		await opened.generator.close();
		await current.stop();
	}
	const checked: Checked[] = [
		{ phase: 'ours, load', completeness: await check(context, tags.load, load.outcomes) }
	];
	if (killed) {
		checked.push({
			phase: 'ours, SIGKILL + restart',
			completeness: await check(context, tags.kill, killed.outcomes)
		});
	}
	return { rows: [load.result, ...(killed ? [killed.result] : [])], checked, restartMs };
}

function fdLimit(): string {
	return execFileSync('sh', ['-c', 'ulimit -n']).toString().trim();
}

async function main() {
	log(
		`Lab benchmark: ${os.cpus().length} CPUs, node ${process.version}, ${workerCount} generator workers, ` +
			`database ${options.db}, ${sessionCount} sessions × ${memberCount} members, fd limit ${fdLimit()}`
	);
	const limit = fdLimit();
	if (limit !== 'unlimited' && Number(limit) < sessionCount * memberCount * 2 + 1000) {
		throw new Error(`fd limit ${limit} is too low: run \`ulimit -n 65536\` first`);
	}
	const { build, workDir, database, cleanup } = await prepareBenchRun(
		{
			build: options.build,
			db: options.db,
			databaseUrl: options['database-url'],
			workDirPrefix: 'mwl-bench-lab-'
		},
		log
	);
	try {
		const started = Date.now();
		const specs = await runOnDatabase<SessionSpec[]>(database, 'bench/lab/seed.ts', [
			'--sessions',
			`${sessionCount}`,
			'--members',
			`${memberCount}`
		]);
		log(
			`· seeded ${specs.length} cases of ${memberCount} members (1 owner facilitating, ${memberCount - 1} participants), ` +
				`a running session each, in ${((Date.now() - started) / 1000).toFixed(1)} s`
		);
		const logDir = options.logs ? path.resolve(options.logs) : workDir;
		fs.mkdirSync(logDir, { recursive: true });
		const context: Context = {
			database,
			specs,
			logDir,
			workDir,
			entry: build.entry,
			runId: Date.now().toString(36)
		};
		const rows: LabPhaseResult[] = [];
		const checked: Checked[] = [];
		let restartMs: number | null = null;
		for (const kind of servers) {
			if (kind === 'relay') {
				rows.push(await runRelay(context));
				continue;
			}
			const ours = await runOurs(context);
			rows.push(...ours.rows);
			checked.push(...ours.checked);
			restartMs = ours.restartMs;
		}
		log(`\n== results (${sessionCount} sessions × ${memberCount} clients)`);
		log(formatPhases(rows));
		rows.flatMap(labWarnings).forEach((w) => log(`  ! ${w}`));
		const [ours, relay] = (['ours', 'relay'] as const).map((kind) =>
			rows.find((r) => r.server === kind && r.phase === 'load')
		);
		const ratios = ours && relay ? labRatios(ours, relay) : null;
		if (ratios) log(formatLabRatios(ratios, p99Target));
		if (checked.length) {
			log('\n== completeness in the database (after each phase, server stopped)');
			log(formatCompleteness(checked));
			for (const { phase, completeness } of checked) {
				if (!isComplete(completeness))
					log(`  ! ${phase}: acknowledged commands lost or duplicated`);
			}
		}
		log(
			`\nBENCH_LAB_JSON ${JSON.stringify({ database: database.kind, workers: workerCount, timing, killTiming, restartMs, results: rows, completeness: checked, ratios })}`
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
