import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../../../messages/en.json';
import nl from '../../../../messages/nl.json';
import { labCommandSchemas } from '$lib/protocol/lab';
import { actionMessageKey } from './labels';

const root = path.resolve(import.meta.dirname, '../../../..');
/** Dotted string literals in server code that are not audit actions. */
const notActions = new Set(['maatwerklab.app', 'handler.js', 'socket.io']);

function serverSources(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'paraglide' ? [] : serverSources(file);
		return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [file] : [];
	});
}

/** Every audit action the code records: the dotted string literals of server-side code. */
function actionsInCode(): string[] {
	const files = ['src/lib/server', 'src/routes', 'server'].flatMap((dir) =>
		serverSources(path.join(root, dir))
	);
	const actions = new Set<string>();
	for (const file of files) {
		for (const [, literal] of fs.readFileSync(file, 'utf8').matchAll(/'([a-z]+(?:\.[a-z_]+)+)'/g)) {
			if (!notActions.has(literal)) actions.add(literal);
		}
	}
	// Change Lab commands are audited under their event name with dots (`lab:hand:raise` → `lab.hand.raise`).
	for (const command of Object.keys(labCommandSchemas)) actions.add(command.replaceAll(':', '.'));
	return [...actions].sort();
}

describe('audit action labels', () => {
	it('finds the actions the code records', () => {
		expect(actionsInCode()).toEqual(
			expect.arrayContaining(['case.collab.connect', 'case.version.restore', 'auth.login'])
		);
	});

	it('gives every recorded action a Dutch and an English label', () => {
		const missing = actionsInCode().flatMap((action) =>
			[
				['nl', nl],
				['en', en]
			]
				.filter(([, messages]) => !(actionMessageKey(action) in (messages as object)))
				.map(([language]) => `${action} (${language})`)
		);
		expect(missing, 'add audit_action_… messages, or list a non-action in notActions').toEqual([]);
	});
});
