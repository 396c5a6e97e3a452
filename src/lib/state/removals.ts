import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { peerName } from './peer-names';

/**
 * Who removed a plan item. A deletion in Yjs carries no author, so the removing browser says it
 * in its presence (`removedPlanItem`) just before it deletes; presence travels ahead of the
 * change, which the server stores before it relays. The document's contract stays as it is.
 */
const presenceField = 'removedPlanItem';

export function announceRemoval(awareness: Awareness | null | undefined, itemId: string): void {
	awareness?.setLocalStateField(presenceField, itemId);
}

/**
 * The name of whoever removed `itemId` in `transaction`: the client that announced it, or else a
 * client whose changes came in the same transaction. Null when nobody can be named.
 */
export function removerName(
	awareness: Awareness | null | undefined,
	itemId: string,
	transaction?: Y.Transaction
): string | null {
	for (const [clientId, state] of awareness?.getStates() ?? []) {
		if (clientId === awareness?.clientID) continue;
		if ((state as Record<string, unknown>)[presenceField] === itemId) {
			const name = peerName(awareness, clientId);
			if (name) return name;
		}
	}
	if (!transaction) return null;
	for (const [clientId, clock] of transaction.afterState) {
		if (clientId === awareness?.clientID) continue;
		if ((transaction.beforeState.get(clientId) ?? 0) < clock) {
			const name = peerName(awareness, clientId);
			if (name) return name;
		}
	}
	return null;
}
