#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then runs the server.
// `npm run demo` (or --demo) first loads the fictional demo deployment.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildIfStale, entry, root } from './build-if-stale.js';

try {
	buildIfStale();
} catch (error) {
	console.error(error.message);
	process.exit(error.exitCode ?? 1);
}

if (process.argv.includes('--demo')) {
	const result = spawnSync(process.execPath, [path.join(root, 'build/main/demo.js')], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(entry);
