import * as decoding from 'lib0/decoding';
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	caseDocumentName,
	closeCode,
	collabPath,
	messageType,
	persistedAcksParam
} from '$lib/protocol/collab';
import { offlineCopyName } from './offline-copies';
import { StoredStateTracker } from './saved-state';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed';

/** Someone in the document now, as the server vouches for them. */
export type Peer = {
	clientId: number;
	userId: string;
	name: string;
	organisation: string | null;
	role: string;
	readOnly: boolean;
	color: string;
	/** Came in by an invite link (older servers do not say: not a guest). */
	guest?: boolean;
};

type PresenceUser = Omit<Peer, 'clientId' | 'userId'> & { id: string };

/**
 * Whether to reconnect after the server closed the connection. Not after a 44xx (the server
 * decided: access ended, input refused), nor after "message too big" (1009): y-websocket would
 * send the same change again at once, for ever.
 */
const serverMayAcceptAgain = (event: CloseEvent) =>
	event.code !== closeCode.tooLarge && !(event.code >= 4400 && event.code < 4500);

/**
 * A browser's live connection to one case document: the Y.Doc, its y-websocket provider, an
 * IndexedDB copy so that offline edits survive a closed tab (not for guests), and the state the page shows
 * (connection, saved, who is here).
 *
 * It starts from the state the server stored when it rendered the page, so that the server's
 * HTML and the first render in the browser show the same case; `connect()` (browser only) then
 * goes live.
 */
export class CaseDocumentSession {
	readonly doc = new Y.Doc();
	/** Null until `connect()`. */
	provider: WebsocketProvider | null = null;
	private offlineCopy: IndexeddbPersistence | null = null;
	private readonly stored = new StoredStateTracker();
	private readonly name: string;

	status = $state<ConnectionStatus>('connecting');
	/** The first sync with the server is done. */
	synced = $state(false);
	/** The server has stored every change this browser has. */
	saved = $state(true);
	peers = $state<Peer[]>([]);
	/** Why the server closed the connection for good (44xx or 1009); the page is read-only then. */
	closed = $state<{ code: number; reason: string } | null>(null);

	constructor(
		caseId: string,
		private readonly user: { id: string; name: string; color: string },
		/** The document as the server stored it (`encodeStateAsUpdate`), when the page was made. */
		storedState?: Uint8Array,
		/** A guest's browser keeps nothing of the case, nor reads what an earlier visit kept. */
		readonly viewer: { guest: boolean } = { guest: false }
	) {
		this.name = caseDocumentName(caseId);
		if (storedState) {
			Y.applyUpdate(this.doc, storedState);
			this.stored.learnStored(Y.encodeStateVectorFromUpdate(storedState));
		}
	}

	/** Goes live: the offline copy, the socket, presence. Browser only; once. */
	connect(): void {
		if (this.provider) return;
		if (!this.viewer.guest) {
			this.offlineCopy = new IndexeddbPersistence(
				offlineCopyName(this.user.id, this.name),
				this.doc
			);
		}
		const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
		const provider = new WebsocketProvider(
			`${scheme}://${location.host}${collabPath}`,
			this.name,
			this.doc,
			{ params: { ...persistedAcksParam }, shouldReconnect: serverMayAcceptAgain }
		);
		this.provider = provider;
		provider.messageHandlers[messageType.persisted] = (_encoder, decoder) => {
			this.stored.learnStored(decoding.readVarUint8Array(decoder));
			this.updateSaved();
		};
		provider.awareness.setLocalStateField('user', this.user);

		provider.on('status', ({ status }) => {
			if (status === 'connected') {
				this.status = 'online';
				this.renewPresence();
			} else {
				this.status =
					this.synced || this.status !== 'connecting'
						? this.offlineOr('reconnecting')
						: 'connecting';
			}
		});
		provider.on('sync', (isSynced: boolean) => {
			if (isSynced) this.synced = true;
		});
		provider.on('closed', ({ code, reason }) => {
			this.status = 'closed';
			this.closed = { code, reason };
			// The server refused what this browser holds: keeping it offline would send it again,
			// and be refused again, on every reload. Or access ended: the copy goes with it.
			if (
				code === closeCode.badMessage ||
				code === closeCode.tooLarge ||
				code === closeCode.unauthenticated ||
				code === closeCode.forbidden
			) {
				void this.offlineCopy?.clearData();
			}
		});
		this.doc.on('update', this.updateSaved);
		provider.awareness.on('change', this.updatePeers);
		window.addEventListener('online', this.onNetworkChange);
		window.addEventListener('offline', this.onNetworkChange);
	}

	destroy(): void {
		window.removeEventListener('online', this.onNetworkChange);
		window.removeEventListener('offline', this.onNetworkChange);
		this.provider?.awareness.off('change', this.updatePeers);
		this.doc.off('update', this.updateSaved);
		this.provider?.destroy();
		void this.offlineCopy?.destroy();
		this.doc.destroy();
	}

	/**
	 * When a connection drops, awareness on both sides removes the other's presence but keeps its
	 * clock, and ignores a state sent again at that same clock until the 15 s renewal. So on
	 * reconnect: forget the clocks of the presences y-websocket removed here, so that the server's
	 * snapshot of who is here counts, and send our own state with a new clock.
	 */
	private renewPresence() {
		const awareness = this.provider!.awareness;
		for (const clientId of awareness.meta.keys()) {
			if (!awareness.states.has(clientId)) awareness.meta.delete(clientId);
		}
		awareness.setLocalState({ ...awareness.getLocalState() });
	}

	private offlineOr(status: ConnectionStatus): ConnectionStatus {
		return navigator.onLine ? status : 'offline';
	}

	/**
	 * The browser knows it lost the network long before the socket's watchdog does (30 s); say so
	 * at once. Edits keep going into the offline copy either way.
	 */
	private onNetworkChange = () => {
		if (this.status === 'closed') return;
		if (!navigator.onLine) this.status = 'offline';
		else this.status = this.provider?.wsconnected ? 'online' : 'reconnecting';
	};

	private updateSaved = (update?: Uint8Array, origin?: unknown) => {
		if (update && origin === this.provider) this.stored.learnRelayed(update);
		this.saved = this.stored.hasAllOf(this.doc);
	};

	private updatePeers = () => {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider!.awareness.getStates()) {
			const user = (state as { user?: PresenceUser }).user;
			// One entry per person: not yourself in another tab, not someone twice.
			if (!user?.id || user.id === this.user.id) continue;
			if (peers.some((peer) => peer.userId === user.id)) continue;
			const { id: userId, ...shown } = user;
			peers.push({ clientId, userId, ...shown });
		}
		this.peers = peers.sort((a, b) => a.name.localeCompare(b.name));
	};
}
