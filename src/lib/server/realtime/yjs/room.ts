import * as awarenessProtocol from 'y-protocols/awareness';
import type { LiveDocument } from '../../collab';
import { encodeAwareness, encodeUpdate } from './messages';

/** What a room needs of a connection. */
export type RoomMember = {
	readonly userId: string;
	/** Awareness client ids this connection has spoken for. */
	readonly awarenessIds: Set<number>;
	send(message: Uint8Array): void;
};

/**
 * The connections on one document and their shared presence. Relays every committed update
 * (the live document only ever applies committed ones) to all but the connection it came from.
 */
export class DocumentRoom {
	readonly awareness: awarenessProtocol.Awareness;
	readonly members = new Set<RoomMember>();

	constructor(readonly live: LiveDocument) {
		this.awareness = new awarenessProtocol.Awareness(live.doc);
		this.awareness.setLocalState(null);
		live.doc.on('update', this.relayUpdate);
		this.awareness.on('update', this.relayAwareness);
	}

	/** The connection that owns an awareness client id, if any. */
	ownerOf(clientID: number): RoomMember | undefined {
		for (const member of this.members) if (member.awarenessIds.has(clientID)) return member;
		return undefined;
	}

	/** Current presence of everyone in the room, for a connection that just joined. */
	encodeAllAwareness(): Uint8Array | null {
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length === 0) return null;
		return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
	}

	leave(member: RoomMember): void {
		this.members.delete(member);
		if (member.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...member.awarenessIds], null);
		}
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
		if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
			const member = origin as RoomMember;
			for (const id of [...added, ...updated]) member.awarenessIds.add(id);
			for (const id of removed) member.awarenessIds.delete(id);
		}
		const message = encodeAwareness(
			awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
		);
		// The sender has its own state already (at the same clock, y-protocols ignores it).
		for (const member of this.members) if (member !== origin) member.send(message);
	};
}
