import * as Y from 'yjs';
import { planItemTextFields } from '../../protocol/collab';

/** Any shared type (their event types differ, so no narrower one fits them all). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

const plainTextKeys: ReadonlySet<string> = new Set(planItemTextFields);

/**
 * Map entries that hold typed text as a plain string in documents from before the text fields
 * became Y.Text: a plan item's text fields and a life domain's note. Other strings (ids, dates,
 * statuses) are not text people type.
 */
function isPlainTextField(key: string | null): boolean {
	return key !== null && (plainTextKeys.has(key) || key.endsWith('.note'));
}

/**
 * The texts a transaction changed, as they read after it: what a check on content (no BSN) must
 * look at. Only what the transaction touched is read, so the cost follows the change, not the
 * size of the document:
 * - a Y.Text that got or lost characters: its whole string (typing one digit at a time, or
 *   deleting what stood between two numbers, shows only in the result);
 * - rich text: the block (paragraph, heading) around a changed Y.XmlText, its inline texts
 *   joined, so that marks or a deleted line break cannot split a number;
 * - a plain string written as a text field (the way older documents kept them).
 */
export function touchedTexts(transaction: Y.Transaction): string[] {
	const types = new Set<SharedType>(transaction.changed.keys());
	const texts: string[] = [];
	for (const item of insertedItems(transaction)) {
		if (item.deleted) continue;
		if (item.parent instanceof Y.AbstractType) types.add(item.parent);
		if (item.content instanceof Y.ContentAny && isPlainTextField(item.parentSub)) {
			for (const value of item.content.getContent()) {
				if (typeof value === 'string') texts.push(value);
			}
		}
	}
	const blocks = new Set<SharedType>();
	for (const type of types) {
		if (type instanceof Y.XmlText)
			blocks.add(type.parent instanceof Y.XmlElement ? type.parent : type);
		else if (type instanceof Y.Text) texts.push(type.toString());
		else if (type instanceof Y.XmlElement) blocks.add(type);
	}
	for (const block of blocks) texts.push(inlineText(block));
	return texts;
}

/** Items created in the transaction, in any client's range from its state before to after. */
function* insertedItems(transaction: Y.Transaction): Generator<Y.Item> {
	const store = transaction.doc.store;
	for (const [client, after] of transaction.afterState) {
		const before = transaction.beforeState.get(client) ?? 0;
		const structs = store.clients.get(client);
		if (!structs || after <= before) continue;
		for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
			const struct = structs[i];
			if (struct.id.clock >= after) break;
			if (struct instanceof Y.Item) yield struct;
		}
	}
}

/** The text of a block: its Y.XmlText children joined, other inline nodes as a line break. */
function inlineText(block: SharedType): string {
	if (block instanceof Y.XmlText) return plainText(block);
	if (!(block instanceof Y.XmlElement)) return '';
	return block
		.toArray()
		.map((child) => (child instanceof Y.XmlText ? plainText(child) : '\n'))
		.join('');
}

/** A rich text's characters without its formatting (toString would add markup between them). */
function plainText(text: Y.XmlText): string {
	return text
		.toDelta()
		.map((op: { insert?: unknown }) => (typeof op.insert === 'string' ? op.insert : '\n'))
		.join('');
}

/**
 * The strings of structs that could not be integrated yet (their dependency has not arrived):
 * each piece on its own, as the text they will make is not known. Empty for almost every
 * document: an ordered connection delivers dependencies first.
 */
export function pendingStrings(doc: Y.Doc): string[] {
	const pending = doc.store.pendingStructs; // encoded as V2
	if (!pending) return [];
	const strings: string[] = [];
	for (const struct of Y.decodeUpdateV2(pending.update).structs) {
		if (!(struct instanceof Y.Item)) continue;
		if (struct.content instanceof Y.ContentString) strings.push(struct.content.str);
		else if (struct.content instanceof Y.ContentAny && isPlainTextField(struct.parentSub)) {
			for (const value of struct.content.getContent()) {
				if (typeof value === 'string') strings.push(value);
			}
		}
	}
	return strings;
}
