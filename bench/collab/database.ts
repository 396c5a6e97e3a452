import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { readCpuMs } from './servers';

export type BenchDatabase = {
	kind: 'pglite' | 'postgres';
	/** DATA_DIR or DATABASE_URL for the seed script and our server. */
	env: NodeJS.ProcessEnv;
	/**
	 * CPU (ms) of the PostgreSQL backends serving this database, cumulative; 0 for PGlite, which
	 * runs inside the server process and is counted there.
	 */
	sampleCpu(): Promise<Map<number, number>>;
	close(): Promise<void>;
};

export type Seeded = { caseIds: string[]; tokens: string[] };

/** A fresh database: a PGlite directory, or a new database next to `baseUrl`. */
export async function createBenchDatabase(
	kind: 'pglite' | 'postgres',
	workDir: string,
	baseUrl: string
): Promise<BenchDatabase> {
	if (kind === 'pglite') {
		const dataDir = path.join(workDir, 'data');
		return {
			kind,
			env: { DATA_DIR: dataDir, DATABASE_URL: '' },
			sampleCpu: async () => new Map(),
			close: async () => fs.rmSync(dataDir, { recursive: true, force: true })
		};
	}
	const name = `mwl_bench_${randomBytes(5).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		kind,
		env: { DATABASE_URL: url.toString() },
		async sampleCpu() {
			const rows = await admin<{ pid: number }[]>`
				select pid from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
			const sample = new Map<number, number>();
			for (const { pid } of rows) sample.set(pid, readCpuMs(pid) ?? 0);
			return sample;
		},
		async close() {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.end();
		}
	};
}

/** CPU (ms) used between two samples by backends alive at the end. */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
	let total = 0;
	for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
	return total;
}

/**
 * Runs a script on the benchmark's database (for PGlite, while no server runs: it is
 * single-process) and returns the JSON of its last line of output.
 */
export async function runOnDatabase<T>(
	database: BenchDatabase,
	script: string,
	args: string[]
): Promise<T> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.resolve(script), ...args],
		{ env: { ...process.env, ...database.env }, maxBuffer: 64 * 1024 * 1024 }
	);
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as T;
}

/** Runs seed.ts (before our server starts: PGlite is single-process). */
export function seed(database: BenchDatabase, cases: number, accounts: number) {
	return runOnDatabase<Seeded>(database, 'bench/collab/seed.ts', [
		'--cases',
		`${cases}`,
		'--accounts',
		`${accounts}`
	]);
}
