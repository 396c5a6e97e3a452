#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then runs the server.
// `npm run demo` (or --demo) first loads the fictional demo deployment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'build/main/index.js');
const sources = ['src', 'server', 'drizzle', 'messages', 'svelte.config.js', 'vite.config.ts', 'vite.server.config.ts', 'package.json'];

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

function run(command, args) {
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const built = fs.statSync(entry, { throwIfNoEntry: false });
const sourceTime = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
if (!built || built.mtimeMs < sourceTime) {
	console.log('Building Maatwerklab (sources changed since the last build)…');
	run('npm', ['run', 'build', '--silent']);
}

if (process.argv.includes('--demo')) {
	run(process.execPath, [path.join(root, 'build/main/demo.js')]);
}

await import(entry);
