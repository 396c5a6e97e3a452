import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createChoiceConflictTracker, type LostChoice } from './choice-conflicts';

function browser(clientID: number) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const lost: LostChoice[] = [];
	const track = createChoiceConflictTracker(
		(key) => key.endsWith('.score'),
		(l) => lost.push(l)
	);
	doc.getMap('lifeDomains').observe(track);
	return { doc, map: doc.getMap<number>('lifeDomains'), lost };
}

/** Delivers what `from` has and `to` lacks, as the server would relay it. */
const relay = (from: Y.Doc, to: Y.Doc) =>
	Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), 'provider');

describe('choice conflicts', () => {
	it('tells the one whose value was dropped which value was kept and whose it was', () => {
		const a = browser(1);
		const b = browser(2);
		a.map.set('financien.score', 2);
		b.map.set('financien.score', 4);
		relay(a.doc, b.doc);
		relay(b.doc, a.doc);

		expect(a.map.get('financien.score')).toBe(b.map.get('financien.score'));
		const [loser, winner] = a.map.get('financien.score') === 2 ? [b, a] : [a, b];
		expect(winner.lost).toEqual([]);
		expect(loser.lost).toHaveLength(1);
		expect(loser.lost[0]).toMatchObject({
			key: 'financien.score',
			mine: loser === a ? 2 : 4,
			winner: winner === a ? 2 : 4,
			winnerClient: winner.doc.clientID
		});
	});

	it('says nothing when someone changes a value after seeing this one', () => {
		const a = browser(1);
		const b = browser(2);
		a.map.set('financien.score', 2);
		relay(a.doc, b.doc);
		b.map.set('financien.score', 4);
		relay(b.doc, a.doc);
		expect(a.map.get('financien.score')).toBe(4);
		expect(a.lost).toEqual([]);
		expect(b.lost).toEqual([]);
	});

	it('ignores fields that are not choices', () => {
		const a = browser(1);
		const b = browser(2);
		a.map.set('financien.other', 2);
		b.map.set('financien.other', 4);
		relay(a.doc, b.doc);
		relay(b.doc, a.doc);
		expect([...a.lost, ...b.lost]).toEqual([]);
	});
});
