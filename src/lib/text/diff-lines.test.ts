import { describe, expect, it } from 'vitest';
import { diffLines } from './diff-lines';

describe('diffLines', () => {
	it('marks what a version had that is gone now, and what is new', () => {
		expect(diffLines(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual([
			{ kind: 'same', text: 'a' },
			{ kind: 'removed', text: 'b' },
			{ kind: 'same', text: 'c' },
			{ kind: 'added', text: 'd' }
		]);
		expect(diffLines([], ['x'])).toEqual([{ kind: 'added', text: 'x' }]);
	});
});
