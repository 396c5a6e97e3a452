import * as Y from 'yjs';
import { changedRange } from '../../text/changed-range';
import { lifeDomains, planItemTextFields } from '../../protocol/collab';
import {
	caseDocumentTypes,
	readPlanItems,
	type CaseContent,
	type NarrativeBlock
} from '../../protocol/case-document';

export { caseDocumentTypes, type NarrativeBlock };

/**
 * Replaces a text's content as an edit of it, so that it stays the text people have open. The
 * source may be a plain string: a version saved before the field was a Y.Text.
 */
function replaceText(target: Y.Text, source: Y.Text | string) {
	if (target.toString() === source.toString()) return;
	target.delete(0, target.length);
	if (typeof source === 'string') target.insert(0, source);
	else target.applyDelta(source.toDelta());
}

/** A value of one document for another: a shared type cannot be in two documents. */
const copyValue = <T>(value: T): T =>
	value instanceof Y.AbstractType ? (value.clone() as T) : value;

/**
 * Makes the rich text's blocks equal to the source's, replacing only the run of blocks between
 * the unchanged ones at the start and at the end: a block nobody changed stays the block people
 * are typing in.
 */
function replaceBlocks(target: Y.XmlFragment, source: Y.XmlFragment) {
	const { start, endBefore, endAfter } = changedRange(
		target.toArray().map((node) => node.toString()),
		source.toArray().map((node) => node.toString())
	);
	if (endBefore > start) target.delete(start, endBefore - start);
	const inserted = source.toArray().slice(start, endAfter);
	if (inserted.length > 0) {
		target.insert(
			start,
			inserted.map((node) => node.clone() as Y.XmlElement | Y.XmlText)
		);
	}
}

/** A text field keeps its Y.Text (emptied, or given the version's string); other values are set. */
function replaceMapEntries<T>(target: Y.Map<T>, source: Y.Map<T>) {
	for (const key of [...target.keys()]) {
		if (source.has(key)) continue;
		const current = target.get(key);
		if (current instanceof Y.Text) replaceText(current, '');
		else target.delete(key);
	}
	for (const [key, value] of source.entries()) {
		const current = target.get(key);
		if (current instanceof Y.Text && (value instanceof Y.Text || typeof value === 'string')) {
			replaceText(current, value);
		} else if (current !== value) target.set(key, copyValue(value));
	}
}

function copyPlanItem(source: Y.Map<unknown>): Y.Map<unknown> {
	const copy = new Y.Map<unknown>();
	for (const [key, value] of source.entries()) copy.set(key, copyValue(value));
	return copy;
}

/**
 * Makes `target`'s content equal to `source`'s as ordinary edits on `target`, so the change
 * travels to every client as one update (a restore is a new change, not a rewrite of history).
 */
export function replaceCaseContent(target: Y.Doc, source: Y.Doc): void {
	const to = caseDocumentTypes(target);
	const from = caseDocumentTypes(source);
	Y.transact(target, () => {
		replaceBlocks(to.narrative, from.narrative);

		replaceText(to.breakthroughText, from.breakthroughText);

		replaceMapEntries(to.breakthrough, from.breakthrough);
		replaceMapEntries(to.lifeDomains, from.lifeDomains);

		for (const id of [...to.planItems.keys()]) if (!from.planItems.has(id)) to.planItems.delete(id);
		for (const [id, item] of from.planItems.entries()) {
			const existing = to.planItems.get(id);
			if (existing) replaceMapEntries(existing, item);
			else to.planItems.set(id, copyPlanItem(item));
		}
	});
}

/**
 * The update that gives a case document the shape clients rely on: every life domain's note
 * and every plan item's text fields as Y.Text (documents from before held strings, or nothing).
 * Made by the server when it loads a document, so that two clients never each create the same
 * text, one of them losing what was typed into it. Null when there is nothing to do.
 */
export function prepareCaseDocument(doc: Y.Doc): Uint8Array | null {
	const types = caseDocumentTypes(doc);
	const textKeys = (map: Y.Map<unknown>, keys: readonly string[]) =>
		keys.filter((key) => !(map.get(key) instanceof Y.Text));
	const notes = textKeys(
		types.lifeDomains,
		lifeDomains.map((domain) => `${domain}.note`)
	);
	const items = [...types.planItems.entries()]
		.filter(([, item]) => textKeys(item, planItemTextFields).length > 0)
		.map(([id]) => id);
	if (notes.length === 0 && items.length === 0) return null;

	const copy = new Y.Doc();
	try {
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const before = Y.encodeStateVector(copy);
		const into = caseDocumentTypes(copy);
		const asText = (map: Y.Map<unknown>, key: string) => {
			const value = map.get(key);
			map.set(key, new Y.Text(typeof value === 'string' ? value : ''));
		};
		Y.transact(copy, () => {
			notes.forEach((key) => asText(into.lifeDomains, key));
			for (const id of items) {
				const item = into.planItems.get(id)!;
				textKeys(item, planItemTextFields).forEach((key) => asText(item, key));
			}
		});
		return Y.encodeStateAsUpdate(copy, before);
	} finally {
		copy.destroy();
	}
}

/** The update that turns a document in `currentState` into one with `versionState`'s content. */
export function computeRestoreUpdate(
	currentState: Uint8Array,
	versionState: Uint8Array
): Uint8Array {
	const current = new Y.Doc();
	const version = new Y.Doc();
	try {
		Y.applyUpdate(current, currentState);
		Y.applyUpdate(version, versionState);
		const before = Y.encodeStateVector(current);
		replaceCaseContent(current, version);
		return Y.encodeStateAsUpdate(current, before);
	} finally {
		current.destroy();
		version.destroy();
	}
}

function plainText(node: Y.XmlElement | Y.XmlText): string {
	if (node instanceof Y.XmlText) {
		return (node.toDelta() as { insert: unknown }[])
			.map((op) => (typeof op.insert === 'string' ? op.insert : ''))
			.join('');
	}
	return node
		.toArray()
		.map((child) => plainText(child as Y.XmlElement | Y.XmlText))
		.join('');
}

const blockKinds: Record<string, NarrativeBlock['kind']> = {
	heading: 'heading',
	blockquote: 'quote',
	listItem: 'item'
};

/** The rich text as a flat list of blocks with their plain text: enough to read and compare. */
export function narrativeBlocks(fragment: Y.XmlFragment): NarrativeBlock[] {
	const blocks: NarrativeBlock[] = [];
	const visit = (node: Y.XmlElement | Y.XmlText) => {
		if (node instanceof Y.XmlText) return;
		if (node.nodeName === 'bulletList' || node.nodeName === 'orderedList') {
			node.toArray().forEach((child) => visit(child as Y.XmlElement));
			return;
		}
		blocks.push({ kind: blockKinds[node.nodeName] ?? 'paragraph', text: plainText(node) });
	};
	fragment.toArray().forEach((node) => visit(node as Y.XmlElement | Y.XmlText));
	return blocks;
}

/** A plain, JSON-friendly view of a case document (for read-only views and comparisons). */
export function readCaseContent(state: Uint8Array): CaseContent {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		const types = caseDocumentTypes(doc);
		return {
			narrative: narrativeBlocks(types.narrative),
			breakthroughText: types.breakthroughText.toString(),
			breakthrough: types.breakthrough.toJSON() as CaseContent['breakthrough'],
			planItems: readPlanItems(types.planItems),
			lifeDomains: types.lifeDomains.toJSON() as Record<string, number | string>
		};
	} finally {
		doc.destroy();
	}
}
