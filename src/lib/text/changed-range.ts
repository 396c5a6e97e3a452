/**
 * The one range that differs between two sequences, found by skipping what they share at the
 * start and at the end: `before[start, endBefore)` became `after[start, endAfter)`.
 */
export function changedRange<T>(before: ArrayLike<T>, after: ArrayLike<T>) {
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let endBefore = before.length;
	let endAfter = after.length;
	while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
		endBefore--;
		endAfter--;
	}
	return { start, endBefore, endAfter };
}
