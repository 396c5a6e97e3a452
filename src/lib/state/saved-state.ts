import * as Y from 'yjs';

/** True when the server's stored state vector has every change of the local one. */
export function stateVectorCovers(
	server: Map<number, number>,
	local: Map<number, number>
): boolean {
	for (const [client, clock] of local) {
		if ((server.get(client) ?? 0) < clock) return false;
	}
	return true;
}

/**
 * What the server is known to have stored: the state vectors it reports after committing our
 * updates, plus every update it relays (it relays only committed ones).
 */
export class StoredStateTracker {
	private stored = new Map<number, number>();

	learnStored(stateVector: Uint8Array): void {
		this.stored = Y.decodeStateVector(stateVector);
	}

	learnRelayed(update: Uint8Array): void {
		// Not Y.encodeStateVectorFromUpdate: it counts a client only from clock 0, so an
		// incremental update (every live edit after the first) would teach nothing. A range counts
		// when it continues what is known to be stored.
		for (const struct of Y.decodeUpdate(update).structs) {
			if (struct instanceof Y.Skip) continue;
			const { client, clock } = struct.id;
			const known = this.stored.get(client) ?? 0;
			const end = clock + struct.length;
			if (clock <= known && end > known) this.stored.set(client, end);
		}
	}

	/** The server has every change `doc` has. */
	hasAllOf(doc: Y.Doc): boolean {
		return stateVectorCovers(this.stored, Y.decodeStateVector(Y.encodeStateVector(doc)));
	}
}
