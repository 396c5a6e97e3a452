/**
 * Cold load of a document with 10,000 logged updates, compared with applying its merged state in
 * memory (target: within 2×). Twice: written through the server's write path (which compacts),
 * and the worst case of a log that was never compacted.
 *
 *   npm run bench:cold-load -- [--updates 10000] [--runs 7] [--db pglite,postgres]
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { asc, count, eq } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import * as Y from 'yjs';
import { appendUpdates, LiveDocuments } from '../../src/lib/server/collab';
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

/** Median time of opening the document cold (a fresh LiveDocuments each run, one warm-up run). */
async function timeColdOpens(db: Database['db'], name: string, caseId: string): Promise<number> {
	const opens: number[] = [];
	for (let run = 0; run <= runs; run++) {
		const documents = new LiveDocuments(db, silent);
		const open = await timeAsync(() => documents.open(name, caseId));
		await documents.close();
		if (run > 0) opens.push(open);
	}
	return median(opens);
}

async function insertBenchCase(db: Database['db']): Promise<{ name: string; caseId: string }> {
	const [row] = await db
		.insert(cases)
		.values({
			code: `Gezin C-${randomBytes(4).toString('hex')}`,
			title: 'Cold load',
			municipality: 'Benchstad'
		})
		.returning({ id: cases.id });
	return { name: `cases/${row.id}`, caseId: row.id };
}

async function storedRows(db: Database['db'], name: string) {
	const [row] = await db
		.select({ rows: count() })
		.from(documentUpdates)
		.where(eq(documentUpdates.documentName, name));
	return row.rows;
}

const verdict = (ratio: number) => `${ratio.toFixed(2)}×${ratio <= 2 ? '' : ' (over 2×)'}`;

for (const kind of values.db.split(',')) {
	const { database, drop } = await openDriver(kind);
	try {
		const { db } = database;

		// 1. The way the server writes: every update through LiveDocuments.submit (committed one by
		// one, compacted every 500 and when the document leaves memory), then opened cold.
		const written = await insertBenchCase(db);
		const writer = new LiveDocuments(db, silent, { evictAfterMs: 0 });
		const writing = await writer.open(written.name, written.caseId);
		for (const update of updates) await writer.submit(writing, update, null);
		writer.release(writing);
		await new Promise((resolve) => setTimeout(resolve, 20));
		await writer.close();
		const leftInLog = await storedRows(db, written.name);
		const openWritten = await timeColdOpens(db, written.name, written.caseId);

		// 2. The worst case: all 10,000 updates still in the log (compaction never ran).
		const raw = await insertBenchCase(db);
		for (let i = 0; i < updates.length; i += 1000) {
			await appendUpdates(
				db,
				updates
					.slice(i, i + 1000)
					.map((update) => ({ documentName: raw.name, caseId: raw.caseId, update }))
			);
		}
		const openRaw = await timeColdOpens(db, raw.name, raw.caseId);
		const queries: number[] = [];
		for (let run = 0; run <= runs; run++) {
			const query = await timeAsync(() =>
				db
					.select({ update: documentUpdates.update })
					.from(documentUpdates)
					.where(eq(documentUpdates.documentName, raw.name))
					.orderBy(asc(documentUpdates.seq))
			);
			if (run > 0) queries.push(query);
		}

		const result = {
			writtenOpenMs: openWritten,
			writtenLogRows: leftInLog,
			writtenRatioToApplyMerged: openWritten / applyMerged,
			uncompactedOpenMs: openRaw,
			uncompactedQueryMs: median(queries),
			uncompactedRatioToApplyMerged: openRaw / applyMerged
		};
		summary[kind] = result;
		console.log(
			`${kind}: written through the server (snapshot + ${leftInLog} log rows): LiveDocuments.open ` +
				`${openWritten.toFixed(1)} ms, ${verdict(result.writtenRatioToApplyMerged)} A`
		);
		console.log(
			`${kind}: never compacted (${updates.length} log rows): LiveDocuments.open ${openRaw.toFixed(1)} ms ` +
				`(reading the rows ${result.uncompactedQueryMs.toFixed(1)} ms), ${verdict(result.uncompactedRatioToApplyMerged)} A`
		);
	} finally {
		await database.close();
		await drop();
	}
}
console.log(`BENCH_COLD_LOAD_JSON ${JSON.stringify(summary)}`);
