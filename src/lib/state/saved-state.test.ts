import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoredStateTracker, stateVectorCovers } from './saved-state';

describe('stateVectorCovers', () => {
	it('is saved only when the server has every local change', () => {
		const local = new Y.Doc();
		const server = new Y.Doc();
		local.getText('t').insert(0, 'hallo');
		const sv = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc));
		expect(stateVectorCovers(sv(server), sv(local))).toBe(false);
		Y.applyUpdate(server, Y.encodeStateAsUpdate(local));
		expect(stateVectorCovers(sv(server), sv(local))).toBe(true);
		server.getText('t').insert(0, 'x'); // the server knowing more is fine
		expect(stateVectorCovers(sv(server), sv(local))).toBe(true);
	});
});

describe('StoredStateTracker', () => {
	it('counts relayed updates as stored and local edits as not yet stored', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const tracker = new StoredStateTracker();
		tracker.learnStored(Y.encodeStateVector(new Y.Doc()));
		expect(tracker.hasAllOf(mine)).toBe(true);

		theirs.getText('t').insert(0, 'van een ander');
		const relayed = Y.encodeStateAsUpdate(theirs);
		Y.applyUpdate(mine, relayed);
		tracker.learnRelayed(relayed);
		expect(tracker.hasAllOf(mine)).toBe(true);

		mine.getText('t').insert(0, 'eigen ');
		expect(tracker.hasAllOf(mine)).toBe(false);
		tracker.learnStored(Y.encodeStateVector(mine));
		expect(tracker.hasAllOf(mine)).toBe(true);
	});

	it('counts every relayed edit of a live session, not only the first', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const tracker = new StoredStateTracker();
		tracker.learnStored(Y.encodeStateVector(new Y.Doc()));
		const relayed: Uint8Array[] = [];
		theirs.on('update', (update: Uint8Array) => relayed.push(update));
		for (const letter of 'hallo') theirs.getText('t').insert(theirs.getText('t').length, letter);
		expect(relayed).toHaveLength(5);
		for (const update of relayed) {
			Y.applyUpdate(mine, update);
			tracker.learnRelayed(update);
			expect(tracker.hasAllOf(mine)).toBe(true);
		}
	});

	it('does not count a relayed range that leaves a gap after what is known stored', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const tracker = new StoredStateTracker();
		tracker.learnStored(Y.encodeStateVector(new Y.Doc()));
		theirs.getText('t').insert(0, 'ab');
		const before = Y.encodeStateVector(theirs);
		Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs)); // known to mine, not to the tracker
		theirs.getText('t').insert(2, 'cd');
		const later = Y.encodeStateAsUpdate(theirs, before);
		Y.applyUpdate(mine, later);
		tracker.learnRelayed(later);
		expect(tracker.hasAllOf(mine)).toBe(false);
	});
});
