import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loadState } from '$lib/server/collab';
import { caseDocumentTypes } from '$lib/protocol/case-document';
import { caseDocumentName, closeCode, closeReason, messageType } from '$lib/protocol/collab';
import { containsBsn } from '$lib/schemas/bsn';
import { insertActor } from '../../helpers/actors';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { useRealtimeServer, waitFor, waitForSync } from '../../helpers/realtime';

// 123456782 and 111222333 pass the elfproef; 12345672 does with its leading zero dropped.
// 123456789 does not.

describe.each(drivers)('the live case document refuses BSN-like numbers, on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	async function setUp() {
		await realtime.start();
		const typist = await insertActor(t.ctx(), { name: 'Tess Typist', organisation: 'Gemeente' });
		const reader = await insertActor(t.ctx(), { name: 'Rob Reader', organisation: 'UWV' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: typist.id, role: 'owner' },
			{ userId: reader.id, role: 'participant' }
		]);
		const writer = await realtime.connect(caseId, typist);
		const watcher = await realtime.connect(caseId, reader);
		await Promise.all([waitForSync(writer), waitForSync(watcher)]);
		const closes: { code: number; reason: string }[] = [];
		writer.provider.on('closed', (event) => closes.push(event));
		return { caseId, writer, watcher, closes };
	}

	async function stored(caseId: string) {
		await realtime.server.app.documents.drain();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await loadState(t.database.db, caseDocumentName(caseId))).state);
		return doc;
	}

	/** Everything the document holds as text, for a "nowhere" assertion. */
	function allText(doc: Y.Doc): string {
		const types = caseDocumentTypes(doc);
		return JSON.stringify([
			types.narrative.toJSON(),
			types.breakthroughText.toJSON(),
			types.planItems.toJSON(),
			types.lifeDomains.toJSON()
		]);
	}

	async function expectRefused(
		{ caseId, watcher, closes }: Awaited<ReturnType<typeof setUp>>,
		digits: string
	) {
		await waitFor(() => closes.length > 0, 5000, 'the refusal');
		expect(closes[0]).toEqual({ code: closeCode.badMessage, reason: closeReason.bsnRefused });
		// Give a relay that should not happen the time to arrive.
		await new Promise((resolve) => setTimeout(resolve, 100));
		for (const doc of [watcher.doc, await stored(caseId)]) {
			expect(allText(doc)).not.toContain(digits);
			expect(containsBsn(allText(doc))).toBe(false);
		}
	}

	const typeEach = (text: Y.Text, at: number, letters: string) => {
		for (const [offset, letter] of [...letters].entries()) text.insert(at + offset, letter);
	};

	it('refuses a BSN typed whole into the doorbraak', async () => {
		const setup = await setUp();
		caseDocumentTypes(setup.writer.doc).breakthroughText.insert(0, 'BSN moeder 123456782');
		await expectRefused(setup, '123456782');
	});

	it('refuses a BSN typed one digit at a time, and keeps what came before', async () => {
		const setup = await setUp();
		const text = caseDocumentTypes(setup.writer.doc).breakthroughText;
		text.insert(0, 'tel ');
		typeEach(text, 4, '12345678');
		const seen = caseDocumentTypes(setup.watcher.doc).breakthroughText;
		await waitFor(() => seen.toString() === 'tel 12345678', 5000, 'the first eight digits');
		text.insert(12, '2');
		await expectRefused(setup, '123456782');
		expect(caseDocumentTypes(await stored(setup.caseId)).breakthroughText.toString()).toBe(
			'tel 12345678'
		);
	});

	it('refuses a BSN with separators in a new plan item', async () => {
		const setup = await setUp();
		const item = new Y.Map<unknown>([
			['id', 'p1'],
			['position', 1],
			['action', new Y.Text('Bel moeder, bsn 123 456 782')]
		]);
		caseDocumentTypes(setup.writer.doc).planItems.set('p1', item);
		await expectRefused(setup, '123456782');
	});

	it('refuses a BSN with dots in a life-domain note', async () => {
		const setup = await setUp();
		const note = new Y.Text('nr ');
		caseDocumentTypes(setup.writer.doc).lifeDomains.set('financien.note', note);
		const seen = caseDocumentTypes(setup.watcher.doc).lifeDomains;
		await waitFor(() => seen.has('financien.note'), 5000, 'the note');
		note.insert(3, '111.222.333');
		await expectRefused(setup, '111222333');
	});

	it('refuses a plain string holding a BSN where older documents kept one', async () => {
		const setup = await setUp();
		caseDocumentTypes(setup.writer.doc).lifeDomains.set('justitie.note', 'dossier 12-34-56-72');
		await expectRefused(setup, '12345672');
	});

	it('refuses a BSN made by deleting what stood between two numbers', async () => {
		const setup = await setUp();
		const text = caseDocumentTypes(setup.writer.doc).breakthroughText;
		text.insert(0, 'a 1234x56782 b');
		const seen = caseDocumentTypes(setup.watcher.doc).breakthroughText;
		await waitFor(() => seen.toString() === 'a 1234x56782 b', 5000, 'the text');
		text.delete(6, 1);
		await expectRefused(setup, '123456782');
		expect(caseDocumentTypes(await stored(setup.caseId)).breakthroughText.toString()).toBe(
			'a 1234x56782 b'
		);
	});

	it('refuses a BSN in the case description typed digit by digit, across marks', async () => {
		const setup = await setUp();
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('Moeder: ')]);
		caseDocumentTypes(setup.writer.doc).narrative.insert(0, [paragraph]);
		const line = paragraph.get(0) as Y.XmlText;
		line.insert(8, '1234', { bold: true });
		line.insert(12, '5678');
		const seen = caseDocumentTypes(setup.watcher.doc).narrative;
		await waitFor(() => seen.toString().includes('5678'), 5000, 'the first digits');
		line.insert(16, '2');
		await expectRefused(setup, '123456782');
	});

	it('refuses a BSN made by joining two paragraphs of the case description', async () => {
		const setup = await setUp();
		const narrative = caseDocumentTypes(setup.writer.doc).narrative;
		const first = new Y.XmlElement('paragraph');
		first.insert(0, [new Y.XmlText('nummer 1234')]);
		const second = new Y.XmlElement('paragraph');
		second.insert(0, [new Y.XmlText('56782 eind')]);
		narrative.insert(0, [first, second]);
		const seen = caseDocumentTypes(setup.watcher.doc).narrative;
		await waitFor(() => seen.length === 2, 5000, 'two paragraphs');
		// What the editor does on Backspace at the start of the second paragraph.
		setup.writer.doc.transact(() => {
			narrative.delete(1, 1);
			(first.get(0) as Y.XmlText).insert(11, '56782 eind');
		});
		await expectRefused(setup, '123456782');
		expect((await stored(setup.caseId)).getXmlFragment('narrative').length).toBe(2);
	});

	it('refuses a BSN in an update that waits for a missing dependency', async () => {
		const setup = await setUp();
		// Another client's edit, and one on top of it; only the second is sent.
		const elsewhere = new Y.Doc();
		const text = caseDocumentTypes(elsewhere).breakthroughText;
		text.insert(0, 'nummer ');
		const before = Y.encodeStateVector(elsewhere);
		text.insert(7, '123456782');
		const onTop = Y.encodeStateAsUpdate(elsewhere, before);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageType.sync);
		syncProtocol.writeUpdate(encoder, onTop);
		setup.writer.provider.ws!.send(encoding.toUint8Array(encoder));
		await expectRefused(setup, '123456782');
		const stored = await loadState(t.database.db, caseDocumentName(setup.caseId));
		expect(Buffer.from(stored.state).toString('latin1')).not.toContain('123456782');
	});

	it('accepts numbers that fail the elfproef, everywhere', async () => {
		const { caseId, writer, watcher, closes } = await setUp();
		const types = caseDocumentTypes(writer.doc);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText('dossier 123456789')]);
		types.narrative.insert(0, [paragraph]);
		types.breakthroughText.insert(0, 'kosten 123 456 789, tel 0612345678');
		types.planItems.set(
			'p1',
			new Y.Map<unknown>([
				['id', 'p1'],
				['action', new Y.Text('zaak 12345678')]
			])
		);
		const seen = caseDocumentTypes(watcher.doc);
		await waitFor(() => seen.planItems.has('p1'), 5000, 'the edits');
		const doc = await stored(caseId);
		expect(caseDocumentTypes(doc).breakthroughText.toString()).toBe(
			'kosten 123 456 789, tel 0612345678'
		);
		expect(allText(doc)).toContain('zaak 12345678');
		expect(allText(doc)).toContain('dossier 123456789');
		expect(closes).toEqual([]);
	});
});
