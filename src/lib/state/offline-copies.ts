/** Prefix of the IndexedDB databases that keep case documents for offline editing. */
export const offlineCopyPrefix = 'maatwerklab:';

/**
 * Deletes this browser's offline copies of case documents, so that a shared computer keeps no
 * family data after logout. A copy still open in another tab is deleted once that tab closes.
 */
export async function forgetOfflineCopies(): Promise<void> {
	const databases = (await indexedDB.databases?.()) ?? [];
	await Promise.all(
		databases
			.map((database) => database.name)
			.filter((name): name is string => Boolean(name?.startsWith(offlineCopyPrefix)))
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}
