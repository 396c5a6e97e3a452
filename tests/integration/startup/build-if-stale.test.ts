import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildIfStale } from '../../../scripts/build-if-stale.js';

// A stand-in for `npm run build`: prints what vite and adapter-node print, then writes the entry.
const noisyBuild = [
	process.execPath,
	'-e',
	`const fs = require('node:fs');
	console.log('vite v8 building SSR bundle for production...\\n✓ 812 modules transformed.');
	console.log('Run npm run preview to preview your production build locally.');
	fs.mkdirSync('build/main', { recursive: true });
	fs.writeFileSync('build/main/index.js', '');`
];
const failingBuild = [
	process.execPath,
	'-e',
	`console.error('src/x.ts: Unexpected token'); process.exit(3)`
];

describe('npm start: building before serving', () => {
	let appRoot: string;
	let printed: string[];
	const print = (line: string) => printed.push(line);

	beforeEach(() => {
		appRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-start-'));
		fs.mkdirSync(path.join(appRoot, 'src'));
		fs.writeFileSync(path.join(appRoot, 'src/app.ts'), '');
		printed = [];
	});
	afterEach(() => fs.rmSync(appRoot, { recursive: true, force: true }));

	it('on a fresh clone says it builds for the first time and keeps the build output in a log', () => {
		expect(buildIfStale({ appRoot, command: noisyBuild, print })).toBe(true);
		const shown = printed.join('\n');
		expect(shown).toMatch(/for the first time/);
		expect(shown).not.toMatch(/sources changed/);
		expect(shown).not.toMatch(/preview/);
		expect(shown).not.toMatch(/modules transformed/);
		expect(fs.readFileSync(path.join(appRoot, '.build.log'), 'utf8')).toMatch(/npm run preview/);
	});

	it('does nothing when the build is current, and says sources changed when they did', () => {
		buildIfStale({ appRoot, command: noisyBuild, print });
		printed = [];
		expect(buildIfStale({ appRoot, command: noisyBuild, print })).toBe(false);
		expect(printed).toEqual([]);

		const later = new Date(Date.now() + 5_000);
		fs.utimesSync(path.join(appRoot, 'src/app.ts'), later, later);
		expect(buildIfStale({ appRoot, command: noisyBuild, print })).toBe(true);
		expect(printed[0]).toMatch(/sources changed/);
	});

	it('shows the build output when the build fails', () => {
		expect(() => buildIfStale({ appRoot, command: failingBuild, print })).toThrow(/build failed/);
		expect(printed.join('\n')).toMatch(/Unexpected token/);
	});
});
