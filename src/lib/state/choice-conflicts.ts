import * as Y from 'yjs';

/** Someone else's value replaced the one this browser set at the same time. */
export type LostChoice = {
	map: Y.Map<unknown>;
	key: string;
	mine: unknown;
	winner: unknown;
	/** The client id that set the value that was kept. */
	winnerClient: number;
};

/**
 * Follows choice fields (a plan item's status, a life domain's score) for a value this browser
 * set being replaced by one set at the same time elsewhere: Yjs keeps one of two concurrent
 * values and drops the other without a trace, so the person whose value was dropped is told.
 * A later change by someone who had seen this browser's value is no conflict: its item then has
 * this browser's item as its origin. Feed it the map events (`observe`, `observeDeep`).
 */
export function createChoiceConflictTracker(
	isChoice: (key: string) => boolean,
	onLost: (lost: LostChoice) => void
): (event: unknown) => void {
	// The item (and value) this browser last wrote per map and key, until someone else writes it.
	const own = new WeakMap<Y.Map<unknown>, Map<string, { id: Y.ID; value: unknown }>>();

	return (event) => {
		if (!(event instanceof Y.YMapEvent)) return;
		const map = event.target as Y.Map<unknown>;
		if (!(map instanceof Y.Map)) return;
		const items = (map as unknown as { _map: Map<string, Y.Item> })._map;
		let mineByKey = own.get(map);
		for (const key of event.keysChanged) {
			if (!isChoice(key)) continue;
			const current = items.get(key);
			if (event.transaction.local) {
				if (!current || current.deleted) continue;
				if (!mineByKey) own.set(map, (mineByKey = new Map()));
				mineByKey.set(key, { id: current.id, value: map.get(key) });
				continue;
			}
			const mine = mineByKey?.get(key);
			mineByKey?.delete(key);
			if (!mine || !current || current.deleted || Y.compareIDs(current.id, mine.id)) continue;
			const sawMine = current.origin !== null && Y.compareIDs(current.origin, mine.id);
			if (!sawMine) {
				onLost({
					map,
					key,
					mine: mine.value,
					winner: map.get(key),
					winnerClient: current.id.client
				});
			}
		}
	};
}
