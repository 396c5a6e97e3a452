import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Builds when needed, then returns a snapshot of build/ so that a rebuild by someone else during
 * a benchmark cannot change or break the server under test. The snapshot lives under
 * node_modules/.cache so that the build's imports still resolve from this project.
 */
export async function snapshotBuild(
	force: boolean,
	log: (line: string) => void
): Promise<{ entry: string; remove(): void }> {
	const entry = path.resolve('build/main/index.js');
	if (force || !fs.existsSync(entry)) {
		log('· building the production server (npm run build)…');
		const result = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
		if (result.status !== 0) throw new Error('npm run build failed');
	} else {
		// `npm start` and `npm test` rebuild a stale build the same way.
		const helper = '../../scripts/build-if-stale.js'; // not type-checked from here
		const { buildIfStale } = (await import(helper)) as {
			buildIfStale(): boolean;
		};
		buildIfStale();
	}
	fs.mkdirSync(path.resolve('node_modules/.cache'), { recursive: true });
	const dir = fs.mkdtempSync(path.resolve('node_modules/.cache/maatwerklab-bench-'));
	fs.cpSync(path.resolve('build'), path.join(dir, 'build'), { recursive: true });
	log(
		`· our server: build/main/index.js of ${fs.statSync(entry).mtime.toISOString()} (copied to ${path.relative('.', dir)})`
	);
	return {
		entry: path.join(dir, 'build/main/index.js'),
		remove: () => fs.rmSync(dir, { recursive: true, force: true })
	};
}
