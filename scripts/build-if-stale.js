// Rebuilds the app when build/main/index.js is missing or older than its sources.
// Shared by `npm start` (scripts/start.js) and `npm test` (scripts/test.js).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..');
export const entry = path.join(root, 'build/main/index.js');
/** Where the build's own output goes; it is printed only when the build fails. */
export const buildLogName = '.build.log';

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

/** @param {string} target */
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

/**
 * Why the app under `appRoot` needs building: `'missing'` (no build yet, e.g. a fresh clone),
 * `'stale'` (sources changed since the last build) or `null` (the build is current).
 */
export function buildNeed(appRoot = root) {
	const built = fs.statSync(path.join(appRoot, 'build/main/index.js'), { throwIfNoEntry: false });
	if (!built) return 'missing';
	const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(appRoot, s))));
	return built.mtimeMs < sourceTime ? 'stale' : null;
}

export function isBuildStale() {
	return buildNeed() !== null;
}

/**
 * The line printed before building, for a need returned by `buildNeed`.
 * @param {'missing' | 'stale'} need
 */
export function buildingMessage(need) {
	return need === 'missing'
		? 'Building Maatwerklab for the first time (takes a minute or two)…'
		: 'Building Maatwerklab (sources changed since the last build)…';
}

/**
 * Runs the build (`npm run build`) when it is missing or stale. The build's output goes to
 * `.build.log` and is shown only when the build fails. Returns whether it built; throws when the
 * build fails (the error's `exitCode` is the build's).
 */
export function buildIfStale({
	appRoot = root,
	command = ['npm', 'run', 'build', '--silent'],
	print = console.log
} = {}) {
	const need = buildNeed(appRoot);
	if (!need) return false;
	print(buildingMessage(need));
	const logPath = path.join(appRoot, buildLogName);
	const started = Date.now();
	const result = spawnSync(command[0], command.slice(1), {
		cwd: appRoot,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		maxBuffer: 64 * 1024 * 1024
	});
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
	fs.writeFileSync(logPath, output);
	if (result.status !== 0) {
		print(output);
		const error = /** @type {Error & { exitCode?: number }} */ (
			new Error(
				`The build failed (exit ${result.status ?? result.signal}); its output is above and in ${logPath}`
			)
		);
		error.exitCode = result.status ?? 1;
		throw error;
	}
	print(`Built in ${Math.round((Date.now() - started) / 1000)} s (output in ${buildLogName}).`);
	return true;
}
