export type LineChange = { kind: 'same' | 'removed' | 'added'; text: string };

/** A line diff (longest common subsequence) from `before` to `after`. */
export function diffLines(before: string[], after: string[]): LineChange[] {
	const rows = before.length;
	const cols = after.length;
	const common: number[][] = Array.from({ length: rows + 1 }, () => new Array(cols + 1).fill(0));
	for (let i = rows - 1; i >= 0; i--) {
		for (let j = cols - 1; j >= 0; j--) {
			common[i][j] =
				before[i] === after[j]
					? common[i + 1][j + 1] + 1
					: Math.max(common[i + 1][j], common[i][j + 1]);
		}
	}
	const changes: LineChange[] = [];
	let i = 0;
	let j = 0;
	while (i < rows && j < cols) {
		if (before[i] === after[j]) {
			changes.push({ kind: 'same', text: before[i] });
			i++;
			j++;
		} else if (common[i + 1][j] >= common[i][j + 1])
			changes.push({ kind: 'removed', text: before[i++] });
		else changes.push({ kind: 'added', text: after[j++] });
	}
	while (i < rows) changes.push({ kind: 'removed', text: before[i++] });
	while (j < cols) changes.push({ kind: 'added', text: after[j++] });
	return changes;
}
