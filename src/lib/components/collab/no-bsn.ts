import { Extension } from '@tiptap/core';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { containsBsn } from '$lib/schemas/bsn';

/** The text of a block as the server reads it: inline nodes (a line break) as a line break. */
const blockText = (block: ProseMirrorNode) => block.textBetween(0, block.content.size, '\n', '\n');

/**
 * Whether a local edit leaves a BSN-like number in a block it changed. Only the changed blocks
 * are read: the ranges of every step, mapped to the document after the transaction.
 */
export function createsBsn(transaction: Transaction): boolean {
	if (!transaction.docChanged) return false;
	const doc = transaction.doc;
	let found = false;
	transaction.steps.forEach((step, index) => {
		const after = transaction.mapping.slice(index + 1);
		step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
			const from = Math.max(0, Math.min(after.map(newStart, -1), doc.content.size));
			const to = Math.max(from, Math.min(after.map(newEnd, 1), doc.content.size));
			doc.nodesBetween(from, to, (node) => {
				if (found) return false;
				if (!node.isTextblock) return true;
				found = containsBsn(blockText(node));
				return false;
			});
		});
	});
	return found;
}

export type NoBsnOptions = {
	/** Told `true` when an edit was not applied, `false` when the next one is. */
	onRefused: (refused: boolean) => void;
};

/**
 * Keeps BSN-like numbers out of the rich text before they are sent: the server would refuse
 * the update and close the connection. Changes from other people (through the Yjs binding) are
 * never filtered: the editor must show what the document holds.
 */
export const NoBsn = Extension.create<NoBsnOptions>({
	name: 'noBsn',
	addOptions: () => ({ onRefused: () => {} }),
	addProseMirrorPlugins() {
		const { onRefused } = this.options;
		let refused = false;
		return [
			new Plugin({
				key: new PluginKey('noBsn'),
				filterTransaction(transaction) {
					if (!transaction.docChanged) return true;
					if (transaction.getMeta(ySyncPluginKey)?.isChangeOrigin) return true;
					const refuse = createsBsn(transaction);
					if (refuse !== refused) onRefused((refused = refuse));
					return !refuse;
				}
			})
		];
	}
});
