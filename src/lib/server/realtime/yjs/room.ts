import * as awarenessProtocol from 'y-protocols/awareness';
import type { LiveDocument } from '../../collab';
import { encodeAwareness, encodeUpdate } from './messages';

/** What a room needs of a connection. */
export type RoomMember = {
	readonly userId: string;
	send(message: Uint8Array): void;
};

/**
 * The connections on one document and their shared presence. Relays every committed update
 * (the live document only ever applies committed ones) to all but the connection it came from,
 * and knows which connection speaks for which awareness client id.
 */
export class DocumentRoom {
	readonly awareness: awarenessProtocol.Awareness;
	private readonly members = new Set<RoomMember>();
	/** The awareness client id each connection speaks for, and the other way round. */
	private readonly awarenessIdOf = new Map<RoomMember, number>();
	private readonly awarenessOwner = new Map<number, RoomMember>();
	/** The user who spoke for a client id, kept after they leave: it stays theirs. */
	private readonly awarenessUser = new Map<number, string>();

	constructor(readonly live: LiveDocument) {
		this.awareness = new awarenessProtocol.Awareness(live.doc);
		this.awareness.setLocalState(null);
		live.doc.on('update', this.relayUpdate);
		this.awareness.on('update', this.relayAwareness);
	}

	join(member: RoomMember): void {
		this.members.add(member);
	}

	/**
	 * Whether `member` may speak for an awareness client id. A connection speaks for one id: the
	 * first it sends that no other user has spoken for in this room (y-websocket keeps its id
	 * across reconnects, so a user's id stays theirs while they are away). The same user's new
	 * connection takes the id over from the old one.
	 */
	claimAwarenessId(member: RoomMember, clientID: number): boolean {
		const claimed = this.awarenessIdOf.get(member);
		if (claimed !== undefined) return claimed === clientID;
		const user = this.awarenessUser.get(clientID);
		if (user !== undefined && user !== member.userId) return false;
		const owner = this.awarenessOwner.get(clientID);
		if (owner) this.awarenessIdOf.delete(owner);
		this.awarenessIdOf.set(member, clientID);
		this.awarenessOwner.set(clientID, member);
		this.awarenessUser.set(clientID, member.userId);
		return true;
	}

	/** Current presence of everyone in the room, for a connection that just joined. */
	encodeAllAwareness(): Uint8Array | null {
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length === 0) return null;
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
	}

	/** Removes the member and the presence it spoke for. */
	leave(member: RoomMember): void {
		this.members.delete(member);
		const clientID = this.awarenessIdOf.get(member);
		if (clientID === undefined) return;
		this.awarenessIdOf.delete(member);
		this.awarenessOwner.delete(clientID);
		awarenessProtocol.removeAwarenessStates(this.awareness, [clientID], null);
	}

	destroy(): void {
		this.live.doc.off('update', this.relayUpdate);
		this.awareness.off('update', this.relayAwareness);
		this.awareness.destroy();
	}

	private relayUpdate = (update: Uint8Array, origin: unknown) => {
		const message = encodeUpdate(update);
		for (const member of this.members) if (member !== origin) member.send(message);
	};

	private relayAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	) => {
		const changed = [...added, ...updated, ...removed];
		const message = encodeAwareness(
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
		);
		// The sender has its own state already (at the same clock, y-protocols ignores it).
		for (const member of this.members) if (member !== origin) member.send(message);
	};
}
