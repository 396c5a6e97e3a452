import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBenchDatabase, type BenchDatabase } from '../collab/database';
import { children } from '../collab/servers';
import { snapshotBuild } from './build';

export type BenchRun = {
	build: { entry: string; remove(): void };
	workDir: string;
	database: BenchDatabase;
	/** Kills the servers, closes the database, removes the work directory and the build snapshot. */
	cleanup(): Promise<void>;
};

/**
 * What every load benchmark starts with: a snapshot of the build, a work directory, a database
 * of its own, and a cleanup that also runs on Ctrl-C.
 */
export async function prepareBenchRun(
	options: { build: boolean; db: string; databaseUrl: string; workDirPrefix: string },
	log: (line: string) => void
): Promise<BenchRun> {
	const build = await snapshotBuild(options.build, log);
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), options.workDirPrefix));
	const database = await createBenchDatabase(
		options.db === 'postgres' ? 'postgres' : 'pglite',
		workDir,
		options.databaseUrl
	);
	const cleanup = async () => {
		for (const child of children) child.kill('SIGKILL');
		await database.close().catch(() => {});
		fs.rmSync(workDir, { recursive: true, force: true });
		build.remove();
	};
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void cleanup().finally(() => process.exit(130)));
	}
	return { build, workDir, database, cleanup };
}
