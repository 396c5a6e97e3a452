import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
	appendUpdates,
	caseDocumentTypes,
	checkUpdate,
	compactDocument,
	GroupCommitter,
	LiveDocuments,
	loadState,
	prepareCaseDocument,
	UpdateRefused
} from '$lib/server/collab';
import type { Db } from '$lib/server/db';
import { cases, documentSnapshots, documentUpdates } from '$lib/server/db/schema';
import {
	caseDocument,
	caseDocumentName,
	closeReason,
	planItemTextFields
} from '$lib/protocol/collab';
import { caseContent } from '../../helpers/case-edits';
import { insertCase } from '../../helpers/cases';
import { drivers, silentLog, useTestDatabase } from '../../helpers/database';

/** Makes `count` small text edits in a fresh doc and returns each edit's update. */
function textEdits(count: number, clientID = 1): Uint8Array[] {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const text = doc.getText(caseDocument.breakthroughText);
	for (let i = 0; i < count; i++) text.insert(i % 3 === 0 ? 0 : text.length, `w${i} `);
	return updates;
}

function appendTo(db: Db, documentName: string, caseId: string, updates: Uint8Array[]) {
	return appendUpdates(
		db,
		updates.map((update) => ({ documentName, caseId, update }))
	);
}

/** The narrative text after applying `updates`, in order, to an empty document. */
function textOf(...updates: Uint8Array[]): string {
	const doc = new Y.Doc();
	updates.forEach((update) => Y.applyUpdate(doc, update));
	return doc.getText(caseDocument.breakthroughText).toString();
}

/**
 * A state and two updates that Y.decodeUpdate reads but Y.applyUpdate on that state throws on
 * (found by mutating real updates: a parent that is not a type, an origin in a deleted range).
 */
function updatesThatDecodeButThrow() {
	const doc = new Y.Doc();
	doc.clientID = 1;
	const types = caseDocumentTypes(doc);
	types.breakthroughText.insert(0, 'hello world');
	const item = new Y.Map<unknown>();
	types.planItems.set('a', item);
	item.set('action', 'x');
	item.set('position', 1);
	types.narrative.insert(0, [new Y.XmlElement('paragraph')]);
	types.breakthroughText.delete(2, 3);
	const base = Y.encodeStateAsUpdate(doc);
	const unappliable = [
		'01040200c401050106036162632800010b06737461747573017707636f6e636570740700010e060400027b01740101010005',
		'01040200c401050106036162632800020b06737461747573017707636f6e636570740700010e060400020401740101010005'
	].map((hex) => new Uint8Array(Buffer.from(hex, 'hex')));
	for (const update of unappliable) {
		expect(checkUpdate(update).ok).toBe(true);
		const target = new Y.Doc();
		Y.applyUpdate(target, base);
		expect(() => Y.applyUpdate(target, update)).toThrow();
	}
	return { base, unappliable };
}

describe.each(drivers)('document update log on %s', (driver) => {
	const t = useTestDatabase(driver);

	/** A new case's document, and a way to append updates to its log. */
	async function newDocument() {
		const caseId = await insertCase(t.ctx());
		const name = caseDocumentName(caseId);
		const store = (updates: Uint8Array[]) => appendTo(t.database.db, name, caseId, updates);
		return { caseId, name, store };
	}

	it('loads what was appended, in order', async () => {
		const caseId = await insertCase(t.ctx());
		const name = caseDocumentName(caseId);
		const updates = textEdits(20);
		await appendTo(t.database.db, name, caseId, updates);
		const { state, logLength } = await loadState(t.database.db, name);
		expect(logLength).toBe(20);
		expect(textOf(state)).toBe(textOf(...updates));
	});

	it('compacts the log into a snapshot with the same content and keeps later updates', async () => {
		const { caseId, name, store } = await newDocument();
		const updates = textEdits(30);
		await store(updates.slice(0, 20));
		const before = textOf((await loadState(t.database.db, name)).state);

		expect(await compactDocument(t.database.db, name, caseId)).toEqual({ compacted: 20 });
		expect(await t.database.db.select().from(documentUpdates)).toHaveLength(0);
		expect(textOf((await loadState(t.database.db, name)).state)).toBe(before);

		await store(updates.slice(20));
		const loaded = await loadState(t.database.db, name);
		expect(loaded.logLength).toBe(10);
		expect(textOf(loaded.state)).toBe(textOf(...updates));
		expect(await compactDocument(t.database.db, name, caseId)).toEqual({ compacted: 10 });
		const [snapshot] = await t.database.db.select().from(documentSnapshots);
		expect(textOf(snapshot.state)).toBe(textOf(...updates));
	});

	it('compacts a log whose merged form Y.mergeUpdates would encode differently', async () => {
		const { caseId, name, store } = await newDocument();
		const writer = new Y.Doc();
		writer.clientID = 987654;
		writer.getText(caseDocument.breakthroughText).insert(0, 'fffffffffffffff');
		const typed = Y.encodeStateAsUpdate(writer);
		// Stored before deletions like these were refused: overlapping ranges past the clock.
		const overlapping = new Uint8Array(Buffer.from('000186a43c0201714107', 'hex'));
		await store([typed, overlapping]);

		expect(await compactDocument(t.database.db, name, caseId)).toEqual({ compacted: 2 });
		expect(textOf((await loadState(t.database.db, name)).state)).toBe(textOf(typed, overlapping));
	});

	it('runs concurrent compactions of one document one after the other, losing nothing', async () => {
		const { caseId, name, store } = await newDocument();
		const updates = textEdits(40);
		await store(updates.slice(0, 30));
		// Open pool connections first (PostgreSQL), so that both compactions really overlap.
		await Promise.all([1, 2, 3].map(() => t.database.db.execute(sql`select pg_sleep(0.05)`)));
		const [first, second] = await Promise.all([
			compactDocument(t.database.db, name, caseId),
			compactDocument(t.database.db, name, caseId)
		]);
		// The second waits for the first and then finds nothing left to fold in.
		expect(first.compacted + second.compacted).toBe(30);
		await store(updates.slice(30));
		expect(await compactDocument(t.database.db, name, caseId)).toEqual({ compacted: 10 });
		const loaded = await loadState(t.database.db, name);
		expect(loaded.logLength).toBe(0);
		expect(textOf(loaded.state)).toBe(textOf(...updates));
	});

	it('writes concurrent appends in one statement, in order', async () => {
		const caseId = await insertCase(t.ctx());
		const name = caseDocumentName(caseId);
		const committer = new GroupCommitter(t.database.db);
		const updates = textEdits(50);
		const seqs = await Promise.all(
			updates.map((update) => committer.append({ documentName: name, caseId, update }))
		);
		expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
		expect(committer.largestBatch).toBeGreaterThan(1);
		expect(await t.database.db.select().from(documentUpdates)).toHaveLength(50);
	});

	it('deletes a case’s document rows with the case', async () => {
		const caseId = await insertCase(t.ctx());
		const name = caseDocumentName(caseId);
		await appendTo(t.database.db, name, caseId, textEdits(3));
		await compactDocument(t.database.db, name, caseId);
		await appendTo(t.database.db, name, caseId, textEdits(2, 7));
		await t.database.db.delete(cases).where(eq(cases.id, caseId));
		expect(await t.database.db.select().from(documentUpdates)).toHaveLength(0);
		expect(await t.database.db.select().from(documentSnapshots)).toHaveLength(0);
	});

	describe('live documents', () => {
		it('stores an update before applying it, and loads a document once for concurrent opens', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog, { evictAfterMs: 10 });
			const [a, b] = await Promise.all([live.open(name, caseId), live.open(name, caseId)]);
			expect(a).toBe(b);

			let storedWhenApplied = -1;
			a.doc.on('update', () => {
				// Counted synchronously inside the apply: the row must already be there.
				void t.database.db
					.select()
					.from(documentUpdates)
					.then((rows) => (storedWhenApplied = rows.length));
			});
			await live.submit(a, textEdits(1)[0], 'test');
			await new Promise((r) => setTimeout(r, 50));
			expect(storedWhenApplied).toBe(1);

			live.release(a);
			live.release(b);
			await new Promise((r) => setTimeout(r, 50));
			expect(live.isLoaded(name)).toBe(false);
			await live.close();
		});

		it('refuses malformed and bomb-like updates whole: nothing stored, document unchanged', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog);
			const doc = await live.open(name, caseId);
			await live.submit(doc, textEdits(1)[0], 'test');
			const before = Y.encodeStateAsUpdate(doc.doc);

			const malformed = new Uint8Array([1, 5, 200, 1, 2]);
			// One struct of client 1: a GC ("garbage") range claiming 2^48 items, in 13 bytes.
			const bomb = new Uint8Array([1, 1, 9, 0, 0, 128, 128, 128, 128, 128, 128, 64, 0]);
			// No structs; deletes one item of client 7 at clock 2^53 (Yjs throws applying it).
			const farDeletion = new Uint8Array([
				0,
				1,
				7,
				1,
				...[128, 128, 128, 128, 128, 128, 128, 16],
				1
			]);
			const unknownRoot = new Y.Doc();
			unknownRoot.getMap('somethingElse').set('x', 1);
			const outsideSchema = Y.encodeStateAsUpdate(unknownRoot);
			// Client 987654 deletes [1, 114) and [65, 72): overlapping, as Yjs never writes them.
			const overlappingDeletions = new Uint8Array(Buffer.from('000186a43c0201714107', 'hex'));
			for (const bad of [malformed, bomb, farDeletion, outsideSchema, overlappingDeletions]) {
				await expect(live.submit(doc, bad, 'test')).rejects.toBeInstanceOf(UpdateRefused);
			}
			expect(Buffer.from(Y.encodeStateAsUpdate(doc.doc)).equals(Buffer.from(before))).toBe(true);
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(1);
			live.release(doc);
			await live.close();
		});

		it('refuses an update that decodes but cannot be applied, and stores nothing', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog);
			const doc = await live.open(name, caseId);
			const { base, unappliable } = updatesThatDecodeButThrow();
			await live.submit(doc, base, 'test');
			const before = caseContent(doc.doc);
			for (const bad of unappliable) {
				await expect(live.submit(doc, bad, 'test')).rejects.toBeInstanceOf(UpdateRefused);
			}
			expect(caseContent(doc.doc)).toBe(before);
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(1);
			// Still writable, and the refusal left nothing behind for the next update.
			await live.submit(doc, textEdits(1, 9)[0], 'test');
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(2);
			live.release(doc);
			await live.close();
		});

		it('loads a document whose log holds an update that cannot be applied, leaving it out', async () => {
			const { caseId, name, store } = await newDocument();
			const { base, unappliable } = updatesThatDecodeButThrow();
			const after = textEdits(1, 9)[0];
			await store([base, unappliable[0], after]);
			const errors: unknown[] = [];
			const log = Object.assign(Object.create(silentLog), {
				error: (details: unknown) => errors.push(details)
			});
			const live = new LiveDocuments(t.database.db, log);
			const doc = await live.open(name, caseId);
			const expected = new Y.Doc();
			[base, after].forEach((update) => Y.applyUpdate(expected, update));
			expect(caseContent(doc.doc)).toBe(caseContent(expected));
			expect(errors).toContainEqual({ document: name, skipped: 1 });
			live.release(doc);
			await live.close();
		});

		it('refuses updates that would grow a document past its size limit, and accepts deletions', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog, { maxDocumentBytes: 20_000 });
			const doc = await live.open(name, caseId);
			const writer = new Y.Doc();
			const text = writer.getText(caseDocument.breakthroughText);
			const edit = (change: () => void) => {
				const before = Y.encodeStateVector(writer);
				change();
				return Y.encodeStateAsUpdate(writer, before);
			};
			await live.submit(
				doc,
				edit(() => text.insert(0, 'x'.repeat(15_000))),
				'test'
			);
			const tooMuch = edit(() => text.insert(0, 'y'.repeat(6_000)));
			await expect(live.submit(doc, tooMuch, 'test')).rejects.toThrow(closeReason.documentTooLarge);
			expect(doc.doc.getText(caseDocument.breakthroughText).length).toBe(15_000);
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(1);

			// Making room works: delete most of the text (as the writer, without the refused
			// insert), then the same amount fits.
			const roomy = new Y.Doc();
			Y.applyUpdate(roomy, Y.encodeStateAsUpdate(doc.doc));
			const roomyText = roomy.getText(caseDocument.breakthroughText);
			const sv = Y.encodeStateVector(roomy);
			roomyText.delete(0, 14_000);
			await live.submit(doc, Y.encodeStateAsUpdate(roomy, sv), 'test');
			const sv2 = Y.encodeStateVector(roomy);
			roomyText.insert(0, 'z'.repeat(6_000));
			await live.submit(doc, Y.encodeStateAsUpdate(roomy, sv2), 'test');
			expect(doc.doc.getText(caseDocument.breakthroughText).length).toBe(7_000);
			live.release(doc);
			await live.close();
		});

		it('gives a loaded document its typed texts, stored before anyone syncs, once', async () => {
			const { caseId, name, store } = await newDocument();
			const legacy = new Y.Doc();
			const types = caseDocumentTypes(legacy);
			types.lifeDomains.set('financien.note', 'Schulden bij drie partijen');
			types.planItems.set(
				'a1',
				new Y.Map<unknown>([
					['id', 'a1'],
					['action', 'Huur regelen']
				])
			);
			await store([Y.encodeStateAsUpdate(legacy)]);

			const options = { prepare: prepareCaseDocument };
			const live = new LiveDocuments(t.database.db, silentLog, options);
			const doc = await live.open(name, caseId);
			const loaded = caseDocumentTypes(doc.doc);
			const note = loaded.lifeDomains.get('financien.note');
			expect(note).toBeInstanceOf(Y.Text);
			expect(String(note)).toBe('Schulden bij drie partijen');
			expect(loaded.lifeDomains.get('justitie.note')).toBeInstanceOf(Y.Text);
			const item = loaded.planItems.get('a1')!;
			for (const field of planItemTextFields) expect(item.get(field)).toBeInstanceOf(Y.Text);
			expect(String(item.get('action'))).toBe('Huur regelen');
			live.release(doc);
			await live.close();
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(2);

			// Stored: the next load finds the texts and adds nothing.
			const again = new LiveDocuments(t.database.db, silentLog, options);
			const reopened = await again.open(name, caseId);
			expect(caseDocumentTypes(reopened.doc).lifeDomains.get('financien.note')).toBeInstanceOf(
				Y.Text
			);
			again.release(reopened);
			await again.close();
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(2);
		});

		it('folds a short log into the snapshot when the document leaves memory', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog, { evictAfterMs: 10 });
			const doc = await live.open(name, caseId);
			for (const update of textEdits(5)) await live.submit(doc, update, 'test');
			const text = doc.doc.getText(caseDocument.breakthroughText).toString();
			expect(await t.database.db.select().from(documentUpdates)).toHaveLength(5);

			live.release(doc);
			await vi.waitFor(async () =>
				expect(await t.database.db.select().from(documentUpdates)).toHaveLength(0)
			);
			const { state, logLength } = await loadState(t.database.db, name);
			expect(logLength).toBe(0);
			expect(textOf(state)).toBe(text);
			await live.close();
		});

		it('stops compacting when another process folded the log first', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog, { evictAfterMs: 10 });
			const doc = await live.open(name, caseId);
			for (const update of textEdits(5)) await live.submit(doc, update, 'test');
			// Another server (or the previous open of this document) compacts everything.
			expect(await compactDocument(t.database.db, name, caseId)).toEqual({ compacted: 5 });

			live.release(doc);
			// Compactions in progress are private; they must end rather than ask again forever.
			const running = (live as unknown as { compactions: Set<unknown> }).compactions;
			await vi.waitFor(() => expect(running.size).toBe(0), { timeout: 2000 });
			await new Promise((resolve) => setTimeout(resolve, 100));
			expect(running.size).toBe(0);
			await live.close();
		});

		it('compacts in the background once the log is long', async () => {
			const { caseId, name } = await newDocument();
			const live = new LiveDocuments(t.database.db, silentLog, { compactAfter: 10 });
			const doc = await live.open(name, caseId);
			for (const update of textEdits(25)) await live.submit(doc, update, 'test');
			await live.close();
			const rows = await t.database.db.select().from(documentUpdates);
			expect(rows.length).toBeLessThan(25);
			const [snapshot] = await t.database.db.select().from(documentSnapshots);
			expect(snapshot).toBeDefined();
			expect(textOf((await loadState(t.database.db, name)).state)).toBe(
				doc.doc.getText(caseDocument.breakthroughText).toString()
			);
		});
	});
});
