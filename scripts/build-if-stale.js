// Rebuilds the app when build/main/index.js is missing or older than its sources.
// Shared by `npm start` (scripts/start.js) and `npm test` (scripts/test.js).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const entry = path.join(root, 'build/main/index.js');

const sources = [
	'src',
	'server',
	'drizzle',
	'messages',
	'static',
	'svelte.config.js',
	'vite.config.ts',
	'vite.server.config.ts',
	'package.json'
];

function newestMtime(target) {
	const stat = fs.statSync(target, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(target)) {
		if (child === 'paraglide') continue; // generated during the build itself
		newest = Math.max(newest, newestMtime(path.join(target, child)));
	}
	return newest;
}

export function isBuildStale() {
	const built = fs.statSync(entry, { throwIfNoEntry: false });
	if (!built) return true;
	const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
	return built.mtimeMs < sourceTime;
}

/**
 * Runs `npm run build` when the build is stale. Returns whether it built; throws when the build
 * fails (the error's `exitCode` is the build's).
 */
export function buildIfStale() {
	if (!isBuildStale()) return false;
	console.log('Building Maatwerklab (sources changed since the last build)…');
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) {
		const error = new Error(`npm run build failed (exit ${result.status ?? result.signal})`);
		error.exitCode = result.status ?? 1;
		throw error;
	}
	return true;
}
