import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffRange, shiftPosition } from './text-binding';

describe('diffRange', () => {
	it('finds the one changed range of typing, deleting and replacing', () => {
		expect(diffRange('gezin', 'gezinnen')).toEqual({ index: 5, remove: 0, insert: 'nen' });
		expect(diffRange('doorbraak', 'door')).toEqual({ index: 4, remove: 5, insert: '' });
		expect(diffRange('een huis', 'een woning')).toEqual({ index: 4, remove: 4, insert: 'woning' });
	});
});

describe('shiftPosition', () => {
	it('moves a cursor past text inserted before it and not past text after it', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'abcdef');
		const deltas: Y.YTextEvent['delta'][] = [];
		text.observe((e) => deltas.push(e.delta));
		text.insert(1, 'XY');
		text.insert(7, 'Z');
		text.delete(0, 2);
		expect(shiftPosition(3, deltas[0])).toBe(5);
		expect(shiftPosition(3, deltas[1])).toBe(3);
		expect(shiftPosition(3, deltas[2])).toBe(1);
	});

	it('leaves a cursor before text inserted right where it is', () => {
		const doc = new Y.Doc();
		const text = doc.getText('t');
		text.insert(0, 'Jan');
		let delta: Y.YTextEvent['delta'] = [];
		text.observe((e) => (delta = e.delta));
		text.insert(3, ' de Vries');
		expect(shiftPosition(3, delta)).toBe(3);
	});
});
