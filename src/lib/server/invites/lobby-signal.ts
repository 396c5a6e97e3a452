/**
 * Tells whoever shows a case's lobby (the session channel) that who waits in it has changed:
 * someone joined, was admitted or turned away, left, or their link was withdrawn. Only the case
 * id travels; listeners read the lobby again themselves.
 */
export class LobbySignal {
	readonly #listeners = new Set<(caseId: string) => void>();

	changed(caseId: string): void {
		for (const listener of this.#listeners) listener(caseId);
	}

	/** Returns the function that stops listening. */
	listen(listener: (caseId: string) => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}
