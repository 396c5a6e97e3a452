import type { Awareness } from 'y-protocols/awareness';

/** The name the server vouches for behind a client id (its presence), or null when unknown. */
export function peerName(awareness: Awareness | null | undefined, clientId: number): string | null {
	const state = awareness?.getStates().get(clientId) as { user?: { name?: unknown } } | undefined;
	return typeof state?.user?.name === 'string' ? state.user.name : null;
}
