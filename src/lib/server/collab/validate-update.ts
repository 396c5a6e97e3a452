import * as Y from 'yjs';
import { caseDocument, limits } from '../../protocol/collab';

const caseDocumentRoots: ReadonlySet<string> = new Set(Object.values(caseDocument));

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; reason: string };

const impossibleRange = (clock: number, length: number) =>
	!Number.isSafeInteger(clock) || !Number.isSafeInteger(length) || clock + length > 2 ** 53;

/**
 * Checks an update before anything is stored or applied. Decoding reads every struct, so a
 * malformed update fails here, whole. The item count guards against tiny updates that claim
 * huge ranges (a "GC" or deletion of 2^40 items in a dozen bytes); only the shared types of a
 * case document may be written. What decodes can still fail to apply: LiveDocuments rehearses.
 */
export function checkUpdate(
	update: Uint8Array,
	maxItems: number = limits.maxItemsPerUpdate,
	rootTypes: ReadonlySet<string> = caseDocumentRoots
): UpdateCheck {
	let decoded: ReturnType<typeof Y.decodeUpdate>;
	try {
		decoded = Y.decodeUpdate(update);
	} catch (error) {
		return { ok: false, reason: `malformed update: ${(error as Error).message}` };
	}
	let items = 0;
	for (const struct of decoded.structs) {
		items += struct.length;
		if (impossibleRange(struct.id.clock, struct.length)) {
			return { ok: false, reason: 'update has an impossible clock' };
		}
		// Decoded without a document, a top-level type is named by a string.
		const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
		if (typeof parent === 'string' && !rootTypes.has(parent)) {
			return {
				ok: false,
				reason: `update writes to an unknown shared type "${parent.slice(0, 40)}"`
			};
		}
	}
	for (const deletions of decoded.ds.clients.values()) {
		let end = 0;
		for (const deletion of deletions) {
			items += deletion.len;
			if (impossibleRange(deletion.clock, deletion.len)) {
				return { ok: false, reason: 'update deletes at an impossible clock' };
			}
			// Yjs writes a client's deleted ranges sorted and merged; overlapping ones are forged.
			if (deletion.clock < end) return { ok: false, reason: 'update deletes overlapping ranges' };
			end = deletion.clock + deletion.len;
		}
	}
	if (!Number.isSafeInteger(items) || items > maxItems) {
		return { ok: false, reason: `update claims ${items} items, more than ${maxItems}` };
	}
	return { ok: true, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}
