#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then runs the server.
// `npm run demo` (or --demo) first loads the fictional demo deployment, by default into
// ./data-demo; `npm run demo -- --force` loads it even into a database with real data.
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
	// The demo keeps to a data directory of its own, so that it never mixes with a real ./data.
	if (!process.env.DATABASE_URL && !process.env.DATA_DIR) process.env.DATA_DIR = './data-demo';
	const demoArgs = process.argv.slice(2).filter((arg) => arg !== '--demo');
	const result = spawnSync(process.execPath, [path.join(root, 'build/main/demo.js'), ...demoArgs], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(entry);
