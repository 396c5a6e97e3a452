import * as Y from 'yjs';

/** A node of the narrative as the editor's schema has it, for rendering without the editor. */
export type NarrativeNode =
	| {
			kind: 'element';
			name: string;
			attributes: Record<string, unknown>;
			children: NarrativeNode[];
	  }
	| { kind: 'text'; text: string; marks: Record<string, Record<string, unknown> | null> };

/**
 * The rich text in the layout Tiptap keeps in Yjs (y-prosemirror: elements named after their
 * node type, text runs carrying their marks as attributes), as plain data.
 */
export function narrativeTree(fragment: Y.XmlFragment | Y.XmlElement): NarrativeNode[] {
	return fragment.toArray().flatMap((node): NarrativeNode[] => {
		if (node instanceof Y.XmlText) {
			return (node.toDelta() as { insert: unknown; attributes?: NarrativeMarks }[])
				.filter((op) => typeof op.insert === 'string')
				.map((op) => ({ kind: 'text', text: op.insert as string, marks: op.attributes ?? {} }));
		}
		if (node instanceof Y.XmlElement) {
			return [
				{
					kind: 'element',
					name: node.nodeName,
					attributes: node.getAttributes(),
					children: narrativeTree(node)
				}
			];
		}
		return [];
	});
}

type NarrativeMarks = Record<string, Record<string, unknown> | null>;

/** The HTML element StarterKit renders a node type as; unknown types render as a paragraph. */
export function blockTag(node: { name: string; attributes: Record<string, unknown> }): string {
	if (node.name === 'heading') {
		const level = Number(node.attributes.level);
		return `h${Number.isInteger(level) && level >= 1 && level <= 6 ? level : 2}`;
	}
	return (
		{
			paragraph: 'p',
			bulletList: 'ul',
			orderedList: 'ol',
			listItem: 'li',
			blockquote: 'blockquote',
			codeBlock: 'pre',
			horizontalRule: 'hr',
			hardBreak: 'br'
		}[node.name] ?? 'p'
	);
}

/** Marks in the order StarterKit nests them, with their element. */
export const markTags: [mark: string, tag: string][] = [
	['bold', 'strong'],
	['italic', 'em'],
	['underline', 'u'],
	['strike', 's'],
	['code', 'code']
];

/** A link's address, only when it is one the editor allows (http, https, mailto). */
export function linkHref(marks: NarrativeMarks): string | null {
	const href = marks.link?.href;
	return typeof href === 'string' && /^(https?:|mailto:)/i.test(href) ? href : null;
}
