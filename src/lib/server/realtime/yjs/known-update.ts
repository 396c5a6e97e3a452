import * as Y from 'yjs';

/**
 * True when applying `update` would not change `doc`: each of its structs and deletions is
 * there already. A read-only client sends such updates whenever it (re)syncs: the reply to the
 * server's sync step 1 repeats every deletion it knows of.
 */
export function bringsNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
	let unknown: ReturnType<typeof Y.decodeUpdate>;
	try {
		unknown = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
	} catch {
		return false;
	}
	if (unknown.structs.some((struct) => !(struct instanceof Y.Skip))) return false;
	if (unknown.ds.clients.size === 0) return true;
	const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
	for (const [client, ranges] of unknown.ds.clients) {
		const known = deleted.get(client) ?? [];
		for (const { clock, len } of ranges) {
			if (!known.some((k) => k.clock <= clock && clock + len <= k.clock + k.len)) return false;
		}
	}
	return true;
}
