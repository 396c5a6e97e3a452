import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bringsNothingNew } from './known-update';

function serverDoc() {
	const doc = new Y.Doc();
	const text = doc.getText('breakthroughText');
	text.insert(0, 'Een passende woning');
	text.delete(0, 4);
	return doc;
}

/** A client that has synced with `doc`, and the update of `change` made there. */
function changeOf(doc: Y.Doc, change: (text: Y.Text) => void): Uint8Array {
	const client = new Y.Doc();
	Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(client);
	change(client.getText('breakthroughText'));
	return Y.encodeStateAsUpdate(client, before);
}

describe('bringsNothingNew', () => {
	it('accepts what a synced client repeats: everything, deletions included', () => {
		const doc = serverDoc();
		expect(bringsNothingNew(doc, Y.encodeStateAsUpdate(doc))).toBe(true);
		expect(bringsNothingNew(doc, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
	});

	it('sees a new insertion and a new deletion', () => {
		const doc = serverDoc();
		expect(
			bringsNothingNew(
				doc,
				changeOf(doc, (text) => text.insert(0, 'Nog '))
			)
		).toBe(false);
		expect(
			bringsNothingNew(
				doc,
				changeOf(doc, (text) => text.delete(0, 3))
			)
		).toBe(false);
	});

	it('does not take garbage for nothing new', () => {
		expect(bringsNothingNew(serverDoc(), new Uint8Array([1, 5, 200, 1, 2]))).toBe(false);
	});
});
