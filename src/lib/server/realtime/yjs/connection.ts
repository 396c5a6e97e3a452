import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { closeCode, limits, messageType } from '../../../protocol/collab';
import { UpdateRefused, type LiveDocuments } from '../../collab';
import type { CaseRole } from '../../../schemas/enums';
import type { Actor } from '../../context';
import type { Logger } from '../../log';
import type { LiveConnection } from '../live-connections';
import { TokenBucket } from '../token-bucket';
import {
	encodeAwarenessEntries,
	encodePermissionDenied,
	encodePersisted,
	encodeSyncStep1,
	encodeSyncStep2,
	parseAwarenessState,
	readAwarenessEntries,
	type AwarenessEntry,
	type AwarenessState
} from './messages';
import { bringsNothingNew } from './known-update';
import type { DocumentRoom, RoomMember } from './room';

export type ConnectionIdentity = {
	actor: Actor;
	/** The session the connection was opened with; checked again while it lives. */
	sessionToken: string;
	caseId: string;
	/** The client asked for `persisted` messages. */
	wantsPersistedAcks: boolean;
	/** The case role the actor acts in; shown to others in presence. */
	role: CaseRole;
	/** The actor's colour in this case (`OpenedCase.presenceColour`); shown to others in presence. */
	presenceColour: string;
	canWrite: boolean;
};

export type ConnectionLimits = {
	/** Unread bytes after which the connection is cut (see `send`). */
	maxSendBacklogBytes: number;
	/** How often the peer is pinged; one unanswered ping cuts it. */
	heartbeatMs: number;
};

class ProtocolError extends Error {}
class RateLimited extends Error {}

/** Close reasons are limited to 123 bytes by the WebSocket protocol. */
function shortReason(reason: string): string {
	return Buffer.from(reason).subarray(0, 120).toString();
}

/**
 * One WebSocket on one document. Reads y-websocket frames, validates them while reading, and
 * refuses what the connection may not do: a read-only connection's updates, presence for
 * another user's client id, malformed or oversized frames, floods.
 */
export class CollabConnection implements RoomMember, LiveConnection {
	readonly userId: string;
	readonly sessionToken: string;
	readonly caseId: string;
	readonly role: CaseRole;
	updatesAccepted = 0;
	/** Called after each accepted update: the person is at work (see SessionWatch.noteActivity). */
	onUpdateAccepted: () => void = () => {};
	/** Top-level shared types this connection's accepted updates changed (for the audit trail). */
	readonly typesTouched = new Set<string>();
	updatesRefused = 0;
	awarenessRefused = 0;
	/** Who this connection is, as the server writes it into every presence state it accepts. */
	private readonly presenceUser: NonNullable<AwarenessState>;
	private readonly bucket = new TokenBucket(limits.messageBurst, limits.messagesPerSecond);
	private readonly syncRequests = new TokenBucket(
		limits.syncRequestBurst,
		limits.syncRequestsPerSecond
	);
	/** Bytes that may wait unread: the limit, or twice the largest message sent if larger. */
	private backlogAllowance: number;
	/** Answered the last ping (see `checkAlive`). */
	private alive = true;
	private persistedAckScheduled = false;
	private closed = false;

	constructor(
		private readonly socket: WebSocket,
		private readonly room: DocumentRoom,
		private readonly documents: LiveDocuments,
		readonly identity: ConnectionIdentity,
		private readonly log: Logger,
		{ maxSendBacklogBytes, heartbeatMs }: ConnectionLimits
	) {
		this.userId = identity.actor.id;
		({ sessionToken: this.sessionToken, caseId: this.caseId, role: this.role } = identity);
		this.backlogAllowance = maxSendBacklogBytes;
		// One timer per connection (as y-websocket's server does): pinging every connection in
		// the same tick stalls a busy server.
		const heartbeat = setInterval(() => this.checkAlive(), heartbeatMs);
		heartbeat.unref();
		socket.once('close', () => clearInterval(heartbeat));
		socket.on('pong', () => (this.alive = true));
		const { actor, role, canWrite, presenceColour } = identity;
		this.presenceUser = {
			id: actor.id,
			name: actor.name,
			organisation: actor.organisationName,
			role,
			readOnly: !canWrite,
			// Others see that someone came in through an invite link.
			guest: actor.kind === 'guest',
			color: presenceColour
		};
	}

	start(): void {
		this.room.join(this);
		this.send(encodeSyncStep1(this.room.live.doc));
		if (this.identity.wantsPersistedAcks) this.send(encodePersisted(this.room.live.doc));
		const presence = this.room.encodeAllAwareness();
		if (presence) this.send(presence);
	}

	send(message: Uint8Array): void {
		if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
		if (this.socket.bufferedAmount > this.backlogAllowance) {
			this.log.warn(
				{ user: this.userId, document: this.room.live.name },
				'cut a connection that does not read what it is sent'
			);
			return this.terminate();
		}
		// A large document takes a while to arrive even at a client that reads.
		this.backlogAllowance = Math.max(this.backlogAllowance, 2 * message.byteLength);
		this.socket.send(message, (error) => {
			if (error) this.close(closeCode.goingAway, 'send failed');
		});
	}

	/** Every `heartbeatMs`: cuts a peer that did not answer the previous ping. */
	private checkAlive(): void {
		if (!this.alive) return this.terminate();
		this.alive = false;
		this.socket.ping();
	}

	private terminate(): void {
		this.closed = true;
		this.socket.terminate();
	}

	close(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		this.socket.close(code, shortReason(reason));
	}

	handleMessage(data: Uint8Array, isBinary: boolean): void {
		if (this.closed) return;
		if (!this.bucket.take()) return this.close(closeCode.rateLimited, 'too many messages');
		try {
			if (!isBinary) throw new ProtocolError('text frames are not part of the protocol');
			const decoder = decoding.createDecoder(data);
			const type = decoding.readVarUint(decoder);
			switch (type) {
				case messageType.sync:
					return this.handleSync(decoder);
				case messageType.awareness:
					return this.handleAwareness(decoding.readVarUint8Array(decoder));
				case messageType.queryAwareness: {
					this.takeSyncRequest();
					const presence = this.room.encodeAllAwareness();
					if (presence) this.send(presence);
					return;
				}
				case messageType.auth:
					return; // clients have nothing to say here; harmless
				default:
					throw new ProtocolError(`unknown message type ${type}`);
			}
		} catch (error) {
			if (error instanceof RateLimited) return this.close(closeCode.rateLimited, error.message);
			const reason =
				error instanceof ProtocolError
					? error.message
					: `malformed message: ${(error as Error).message}`;
			this.log.warn(
				{ user: this.userId, document: this.room.live.name, reason },
				'refused message'
			);
			this.close(closeCode.badMessage, reason);
		}
	}

	private handleSync(decoder: decoding.Decoder) {
		const step = decoding.readVarUint(decoder);
		const payload = decoding.readVarUint8Array(decoder);
		if (decoding.hasContent(decoder)) throw new ProtocolError('trailing bytes after sync message');
		if (step === syncProtocol.messageYjsSyncStep1) {
			this.takeSyncRequest();
			Y.decodeStateVector(payload); // throws when malformed
			this.send(encodeSyncStep2(this.room.live.doc, payload));
			return;
		}
		if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) {
			throw new ProtocolError(`unknown sync step ${step}`);
		}
		if (!this.identity.canWrite) return this.refuseReadOnlyUpdate(payload);
		this.documents.submit(this.room.live, payload, this).then(
			(touched) => {
				this.updatesAccepted++;
				for (const name of touched) this.typesTouched.add(name);
				this.onUpdateAccepted();
				this.schedulePersistedAck();
			},
			(error) => {
				if (error instanceof UpdateRefused) {
					this.updatesRefused++;
					this.log.warn(
						{ user: this.userId, document: this.room.live.name, reason: error.reason },
						'refused update'
					);
					this.close(closeCode.badMessage, error.reason);
				} else {
					this.log.error({ err: error, document: this.room.live.name }, 'could not store update');
					this.close(closeCode.storageFailed, 'could not store the update; reconnect to resend');
				}
			}
		);
	}

	/** Each of these answers can be as large as the document: a few are enough for any client. */
	private takeSyncRequest() {
		if (!this.syncRequests.take()) throw new RateLimited('too many sync or presence requests');
	}

	private refuseReadOnlyUpdate(update: Uint8Array) {
		// Telling what is new costs a pass over the document: as often as sync requests.
		this.takeSyncRequest();
		if (bringsNothingNew(this.room.live.doc, update)) return; // a (re)sync's reply
		this.updatesRefused++;
		this.send(encodePermissionDenied('read-only: this connection may not change the document'));
	}

	private schedulePersistedAck() {
		if (!this.identity.wantsPersistedAcks || this.persistedAckScheduled) return;
		this.persistedAckScheduled = true;
		setImmediate(() => {
			this.persistedAckScheduled = false;
			this.send(encodePersisted(this.room.live.doc));
		});
	}

	/**
	 * Presence is bound to the authenticated identity. A connection speaks for the one awareness
	 * client id the room lets it claim (y-websocket sends its own state first). Entries for any
	 * other id are dropped: browsers echo the presence they received, and a forged entry must not
	 * change what others see. The server writes name, organisation and role into every state it
	 * accepts.
	 */
	private handleAwareness(update: Uint8Array) {
		const accepted: AwarenessEntry[] = [];
		for (const entry of readAwarenessEntries(update)) {
			if (entry.stateJson.length > limits.maxPresenceStateLength) {
				throw new ProtocolError(
					`presence state longer than ${limits.maxPresenceStateLength} characters`
				);
			}
			if (this.room.claimAwarenessId(this, entry.clientID)) {
				const state = parseAwarenessState(entry.stateJson);
				accepted.push({
					clientID: entry.clientID,
					clock: entry.clock,
					state: state && { ...state, user: this.presenceUser }
				});
			} else {
				this.awarenessRefused++;
			}
		}
		if (accepted.length === 0) return;
		awarenessProtocol.applyAwarenessUpdate(
			this.room.awareness,
			encodeAwarenessEntries(accepted),
			this
		);
	}
}
