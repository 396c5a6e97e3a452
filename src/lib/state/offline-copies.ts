/** Prefix of the IndexedDB databases that keep case documents for offline editing. */
export const offlineCopyPrefix = 'maatwerklab:';

/**
 * The IndexedDB database that keeps one person's offline copy of a document: per person, so
 * that a copy never outlives that person's access on a shared computer.
 */
export function offlineCopyName(userId: string, documentName: string): string {
	return `${offlineCopyPrefix}${userId}:${documentName}`;
}

async function forgetWhere(matches: (name: string) => boolean): Promise<void> {
	const databases = (await indexedDB.databases?.()) ?? [];
	await Promise.all(
		databases
			.map((database) => database.name)
			.filter((name): name is string => Boolean(name?.startsWith(offlineCopyPrefix)))
			.filter(matches)
			.map(
				(name) =>
					new Promise<void>((resolve) => {
						const request = indexedDB.deleteDatabase(name);
						request.onsuccess = request.onerror = request.onblocked = () => resolve();
					})
			)
	);
}

/**
 * Deletes this browser's offline copies of case documents, so that a shared computer keeps no
 * family data after logout. A copy still open in another tab is deleted once that tab closes.
 */
export function forgetOfflineCopies(): Promise<void> {
	return forgetWhere(() => true);
}

/**
 * Deletes the offline copies of everyone but the person signed in now (someone else used this
 * browser before), and copies from before they were kept per person.
 */
export function forgetOfflineCopiesExcept(userId: string): Promise<void> {
	const own = offlineCopyName(userId, '');
	return forgetWhere((name) => !name.startsWith(own));
}

/** Deletes every offline copy of one document, whoever made it: access to it ended. */
export function forgetOfflineCopiesOf(documentName: string): Promise<void> {
	return forgetWhere((name) => name.endsWith(`:${documentName}`));
}
