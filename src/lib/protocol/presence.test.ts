import { describe, expect, it } from 'vitest';
import { presenceColour, presencePalette } from './presence';

/** WCAG 2 contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
	const luminance = (hex: string) => {
		const [r, g, b] = [1, 3, 5].map((i) => {
			const c = parseInt(hex.slice(i, i + 2), 16) / 255;
			return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light + 0.05) / (dark + 0.05);
}

describe('presence palette', () => {
	it('has at least twelve different colours, each readable under a white caret label (AA)', () => {
		expect(new Set(presencePalette).size).toBeGreaterThanOrEqual(12);
		for (const colour of presencePalette) {
			expect(contrast(colour, '#ffffff'), colour).toBeGreaterThanOrEqual(4.5);
		}
	});

	it('maps a membership index to a colour, wrapping past the palette', () => {
		expect(presenceColour(0)).toBe(presencePalette[0]);
		expect(presenceColour(2)).toBe(presencePalette[2]);
		expect(presenceColour(presencePalette.length + 1)).toBe(presencePalette[1]);
		expect(presenceColour(null)).toBe(presencePalette[0]);
	});
});
