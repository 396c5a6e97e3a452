/**
 * Caret and presence colours, as distinct as twelve dark colours get: all dark enough for white
 * name labels (WCAG AA contrast, see presence.test.ts). A member of a case keeps one index for
 * the membership (`case_members.presence_colour`, the least used one when they joined), so the
 * first twelve people in a case all differ and keep their colour.
 */
export const presencePalette = [
	'#1d4e89', // blue
	'#a4161a', // red
	'#1e6b34', // green
	'#6a3d9a', // purple
	'#9c4a00', // orange
	'#0b6e75', // teal
	'#8c1c5a', // magenta
	'#4d5d00', // olive
	'#3949ab', // indigo
	'#6d4c41', // brown
	'#455a64', // slate
	'#7a5c00' // ochre
] as const;

/** The colour for a membership's palette index (`null` for a membership without one: the first). */
export function presenceColour(index: number | null): string {
	return presencePalette[(index ?? 0) % presencePalette.length];
}

/**
 * A guest holds no membership to keep an index on: their colour follows from their id, so it
 * stays the same on every device and reconnect.
 */
export function guestPresenceColour(guestId: string): string {
	const index = parseInt(guestId.replace(/-/g, '').slice(-6), 16);
	return presenceColour(Number.isNaN(index) ? 0 : index);
}
