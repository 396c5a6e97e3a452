/** Caret and presence colours: all dark enough for white name labels (WCAG AA contrast). */
const palette = [
	'#1d4e89',
	'#a4161a',
	'#1e6b34',
	'#6a3d9a',
	'#9c4a00',
	'#0b6e75',
	'#8c1c5a',
	'#4d5d00'
];

/** A stable colour per user, the same in every browser. */
export function presenceColour(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return palette[hash % palette.length];
}
