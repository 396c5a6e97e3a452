/**
 * Cold load: a document whose log holds 10,000 small updates (no snapshot) is opened from the
 * database, compared with applying its merged state in memory. Target: within 2×.
 *
 *   npm run bench:cold-load -- [--updates 10000] [--runs 7] [--db pglite,postgres]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { and, asc, eq } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import * as Y from 'yjs';
import { appendUpdates, LiveDocuments, loadState } from '../../src/lib/server/collab';
import { openDatabase, type Database } from '../../src/lib/server/db';
import { cases, documentUpdates } from '../../src/lib/server/db/schema';

const { values } = parseArgs({
	options: {
		updates: { type: 'string', default: '10000' },
		runs: { type: 'string', default: '7' },
		db: { type: 'string', default: 'pglite,postgres' },
		'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' }
	}
});
const updateCount = Number(values.updates);
const runs = Number(values.runs);
const silent = pino({ level: 'silent' });

/** A realistic editing session: three clients typing, scoring domains and editing plan items. */
function recordSession(count: number): Uint8Array[] {
	const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
	const updates: Uint8Array[] = [];
	let seed = 42;
	const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
	for (let i = 0; i < count; i++) {
		const doc = docs[i % docs.length];
		const capture = (update: Uint8Array) => updates.push(update);
		doc.once('update', capture);
		const choice = random();
		if (choice < 0.8) {
			const text = doc.getText('breakthroughText');
			if (random() < 0.15 && text.length > 10)
				text.delete(Math.floor(random() * (text.length - 3)), 2);
			else
				text.insert(
					Math.floor(random() * (text.length + 1)),
					'abcde'.slice(0, 1 + Math.floor(random() * 4))
				);
		} else if (choice < 0.9) {
			doc
				.getMap('lifeDomains')
				.set(`domain${Math.floor(random() * 13)}.score`, 1 + Math.floor(random() * 5));
		} else {
			const items = doc.getMap<Y.Map<unknown>>('planItems');
			const id = `item${Math.floor(random() * 20)}`;
			const item = items.get(id);
			if (item) item.set('action', `actie ${i}`);
			else
				items.set(
					id,
					new Y.Map<unknown>([
						['action', `actie ${i}`],
						['position', i]
					])
				);
		}
		doc.off('update', capture);
		for (const other of docs) if (other !== doc) Y.applyUpdate(other, updates.at(-1)!);
	}
	return updates;
}

function median(samples: number[]): number {
	return [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

function time(action: () => unknown): number {
	const started = performance.now();
	action();
	return performance.now() - started;
}

async function timeAsync(action: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await action();
	return performance.now() - started;
}

async function openDriver(kind: string): Promise<{ database: Database; drop(): Promise<void> }> {
	if (kind === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
	const name = `mwl_bench_${randomBytes(5).toString('hex')}`;
	const admin = postgres(values['database-url'], { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	const url = new URL(values['database-url']);
	url.pathname = `/${name}`;
	return {
		database: await openDatabase({ databaseUrl: url.toString() }),
		drop: async () => {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.end();
		}
	};
}

const updates = recordSession(updateCount);
const bytes = updates.reduce((n, u) => n + u.length, 0);
console.log(
	`${updates.length} logged updates (no snapshot), ${(bytes / 1024).toFixed(0)} KiB in total`
);

/** Median of `runs` timings after one warm-up run (JIT). */
function measure(action: () => unknown): number {
	const samples: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const ms = time(action);
		if (run > 0) samples.push(ms);
	}
	return median(samples);
}

const merged = Y.mergeUpdates(updates);
const applyMerged = measure(() => Y.applyUpdate(new Y.Doc(), merged));
const mergeAndApply = measure(() => Y.applyUpdate(new Y.Doc(), Y.mergeUpdates(updates)));
const replay = measure(() => {
	const doc = new Y.Doc({ gc: false });
	Y.transact(doc, () => updates.forEach((update) => Y.applyUpdate(doc, update)));
	Y.encodeStateAsUpdate(doc);
});
console.log(`in memory, median of ${runs}:`);
console.log(`  A  Y.applyUpdate(doc, merged state)                 ${applyMerged.toFixed(1)} ms`);
console.log(`  B  Y.applyUpdate(doc, Y.mergeUpdates(updates))      ${mergeAndApply.toFixed(1)} ms`);
console.log(`  C  replay the updates in one transaction + encode   ${replay.toFixed(1)} ms`);
const summary: Record<string, unknown> = {
	updates: updates.length,
	bytes,
	applyMergedMs: applyMerged,
	mergeAndApplyMs: mergeAndApply,
	replayMs: replay
};

for (const kind of values.db.split(',')) {
	const { database, drop } = await openDriver(kind);
	try {
		const { db } = database;
		const [row] = await db
			.insert(cases)
			.values({ code: `Gezin C-${Date.now()}`, title: 'Cold load', municipality: 'Benchstad' })
			.returning({ id: cases.id });
		const name = `cases/${row.id}`;
		for (let i = 0; i < updates.length; i += 1000) {
			await appendUpdates(
				db,
				updates.slice(i, i + 1000).map((update) => ({ documentName: name, caseId: row.id, update }))
			);
		}
		const opens: number[] = [];
		const queries: number[] = [];
		const loads: number[] = [];
		for (let run = 0; run <= runs; run++) {
			const documents = new LiveDocuments(db, silent);
			const open = await timeAsync(() => documents.open(name, row.id));
			await documents.close();
			const query = await timeAsync(() =>
				db
					.select({ update: documentUpdates.update })
					.from(documentUpdates)
					.where(and(eq(documentUpdates.documentName, name)))
					.orderBy(asc(documentUpdates.seq))
			);
			const load = await timeAsync(() => loadState(db, name));
			if (run === 0) continue;
			opens.push(open);
			queries.push(query);
			loads.push(load);
		}
		const result = {
			openMs: median(opens),
			loadStateMs: median(loads),
			queryMs: median(queries),
			ratioToApplyMerged: median(opens) / applyMerged,
			ratioToMergeAndApply: median(opens) / mergeAndApply
		};
		summary[kind] = result;
		const verdict = (ratio: number) => `${ratio.toFixed(2)}×${ratio <= 2 ? '' : ' (over 2×)'}`;
		console.log(
			`${kind}: LiveDocuments.open ${result.openMs.toFixed(1)} ms = loadState ` +
				`${result.loadStateMs.toFixed(1)} ms (log query ${result.queryMs.toFixed(1)} ms) + applying ` +
				`the state to the live document; ${verdict(result.ratioToApplyMerged)} A, ` +
				`${verdict(result.ratioToMergeAndApply)} B`
		);
	} finally {
		await database.close();
		await drop();
	}
}
console.log(`BENCH_COLD_LOAD_JSON ${JSON.stringify(summary)}`);
