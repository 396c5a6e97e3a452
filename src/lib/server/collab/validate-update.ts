import * as Y from 'yjs';
import { limits } from '../../protocol/collab';

export type UpdateCheck = { ok: true; empty: boolean } | { ok: false; reason: string };

/**
 * Checks an update before anything is stored or applied. Decoding reads every struct, so a
 * malformed update fails here, whole, and never half-applies. The item count guards against
 * tiny updates that claim huge ranges (a "GC" or deletion of 2^40 items in a dozen bytes).
 */
export function checkUpdate(
	update: Uint8Array,
	maxItems: number = limits.maxItemsPerUpdate
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
		if (!Number.isSafeInteger(struct.id.clock) || struct.id.clock + struct.length > 2 ** 53) {
			return { ok: false, reason: 'update has an impossible clock' };
		}
	}
	for (const deletions of decoded.ds.clients.values()) {
		for (const deletion of deletions) items += deletion.len;
	}
	if (!Number.isSafeInteger(items) || items > maxItems) {
		return { ok: false, reason: `update claims ${items} items, more than ${maxItems}` };
	}
	return { ok: true, empty: decoded.structs.length === 0 && decoded.ds.clients.size === 0 };
}
