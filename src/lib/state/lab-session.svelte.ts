import { io, type Socket } from 'socket.io-client';
import {
	channelClosedEvent,
	channelNamespace,
	channelPath,
	type ChannelClosed,
	type CommandError
} from '$lib/protocol/channel';
import { closeCode } from '$lib/protocol/collab';
import {
	labEventNames,
	type LabCommandInput,
	type LabCommandName,
	type LabEventPayloads
} from '$lib/protocol/lab';
import {
	labLobbyEvent,
	type LabGuestCommandName,
	type LabLobby,
	type LobbyGuest
} from '$lib/protocol/lab-channel';
import { closedMessage, type ClosedMessage } from './connection-closed';
import {
	applyEvent,
	betterClockOffset,
	modelFromJoin,
	rightsFor,
	type JoinedState,
	type SessionModel,
	type SessionRights
} from './lab-session-model';

export type ChannelStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

/** What a command answers: its result, or why it was refused. */
export type CommandAnswer<R = unknown> =
	{ ok: true; result: R; replayed: boolean } | { ok: false; error: CommandError };

export type SessionCommand = Exclude<LabCommandName, 'lab:plan'>;
export type Fields<N extends SessionCommand> = Omit<LabCommandInput<N>, 'idempotencyKey'>;

/** How long to wait for an acknowledgement before sending the command again (same key). */
const ackTimeoutMs = 8000;

/** connect_error statuses after which trying again cannot help. */
const refusedFor: Record<number, number> = {
	401: closeCode.unauthenticated,
	403: closeCode.forbidden,
	404: closeCode.forbidden
};

/**
 * A browser's live connection to one Change Lab session over the session channel: joins the
 * session (again after every reconnect, which socket.io does by itself), merges the server's
 * events by revision, and sends commands, each with one idempotency key that a retry after a
 * dropped connection reuses, so the server records it once.
 */
export class LabSessionClient {
	model = $state<SessionModel>() as SessionModel;
	status = $state<ChannelStatus>('connecting');
	/** Why the server ended the connection for good; the view is read-only then. */
	closed = $state<ClosedMessage | null>(null);
	/** Server clock minus local clock, for the countdown. */
	offsetMs = $state(0);
	/**
	 * Who waits to be let into this session (guests of its links and, for the case's owners and
	 * facilitators, of the case's); null for whoever the server sends no lobby (may not admit).
	 */
	lobby = $state<LobbyGuest[] | null>(null);
	private readonly socket: Socket;
	private joined = false;
	/** Events that arrived while a join was on its way: applied over its snapshot when it lands. */
	private duringJoin: [keyof LabEventPayloads, LabEventPayloads[keyof LabEventPayloads]][] | null =
		null;
	private waitingForJoin: (() => void)[] = [];

	constructor(
		caseId: string,
		initial: JoinedState,
		private readonly userId: string,
		origin: string = location.origin
	) {
		this.model = modelFromJoin(initial);
		this.offsetMs = betterClockOffset(null, initial.session.serverNow, Date.now());
		this.socket = io(`${origin}${channelNamespace}`, {
			path: channelPath,
			auth: { caseId },
			transports: ['websocket']
		});
		this.socket.on('connect', () => void this.join());
		this.socket.on('disconnect', () => {
			this.joined = false;
			if (!this.closed) this.status = 'reconnecting';
		});
		this.socket.on('connect_error', (error: Error & { data?: { status?: number } }) => {
			const code = refusedFor[error.data?.status ?? 0];
			if (code) this.close({ code, reason: error.message });
			// A refusal by the server's middleware is not retried by socket.io itself.
			else if (!this.socket.active) setTimeout(() => this.socket.connect(), 2000);
		});
		this.socket.on(channelClosedEvent, (closed: ChannelClosed) => this.close(closed));
		this.socket.on(labLobbyEvent, ({ guests }: LabLobby) => {
			this.lobby = guests.filter((g) => g.sessionId === null || g.sessionId === this.sessionId);
		});
		for (const name of Object.values(labEventNames)) {
			this.socket.on(name, (payload: LabEventPayloads[typeof name]) => this.receive(name, payload));
		}
	}

	/** What this person may do now: after a handover or a closed connection it changes. */
	get rights(): SessionRights {
		if (this.closed) {
			return {
				runSession: false,
				recordObservation: false,
				proposeObservation: false,
				raiseHand: false,
				inviteGuests: false
			};
		}
		return rightsFor(this.model.role, this.model.session, this.userId);
	}

	get sessionId(): string {
		return this.model.session.sessionId;
	}

	private receive<N extends keyof LabEventPayloads>(name: N, payload: LabEventPayloads[N]) {
		if (this.duringJoin) {
			this.duringJoin.push([name, payload]);
			return;
		}
		const before = this.model.session;
		if (!applyEvent(this.model, name, payload)) return;
		if (name === 'lab:session') {
			const after = this.model.session;
			this.offsetMs = betterClockOffset(this.offsetMs, after.serverNow, Date.now());
			// Join again when it starts (the server counts who is present from a join on a running
			// session) or when handed the role (to receive every proposal, not only one's own).
			const handedToMe =
				after.facilitator?.userId === this.userId && before.facilitator?.userId !== this.userId;
			if (handedToMe || (before.status === 'planned' && after.status === 'running')) {
				void this.join();
			}
		}
	}

	private async join() {
		this.joined = false;
		this.duringJoin ??= [];
		try {
			const answer = (await this.socket
				.timeout(ackTimeoutMs)
				.emitWithAck('lab:join', { sessionId: this.sessionId })) as
				{ ok: true; state: JoinedState } | { ok: false; error: CommandError };
			if (!answer.ok) {
				this.duringJoin = null;
				this.close({ code: closeCode.forbidden, reason: answer.error.message });
				return;
			}
			this.model = modelFromJoin(answer.state);
			this.offsetMs = betterClockOffset(this.offsetMs, answer.state.session.serverNow, Date.now());
			// Whatever happened while the snapshot was made and sent; older ones are ignored.
			const buffered = this.duringJoin ?? [];
			this.duringJoin = null;
			for (const [name, payload] of buffered) this.receive(name, payload);
			this.joined = true;
			this.status = 'online';
			this.waitingForJoin.splice(0).forEach((resume) => resume());
		} catch {
			// No answer: the next `connect` joins again, or this connection still may.
			if (this.socket.connected) void this.join();
		}
	}

	private untilJoined(): Promise<void> {
		if (this.joined && this.socket.connected) return Promise.resolve();
		return new Promise((resolve) => this.waitingForJoin.push(resolve));
	}

	private close(closed: ChannelClosed) {
		this.closed = closedMessage(closed);
		this.lobby = null;
		this.status = 'closed';
		this.joined = false;
		this.socket.disconnect();
		// Commands still waiting will never be answered.
		this.waitingForJoin.splice(0).forEach((resume) => resume());
	}

	/**
	 * Sends a command on this session and resolves with its acknowledgement. Without an answer
	 * (the connection dropped, or the server was slow) it is sent again with the same key once the
	 * session is joined again: the server records it once and answers the retry alike.
	 */
	async send<N extends SessionCommand, R = unknown>(
		name: N,
		fields: Fields<N>
	): Promise<CommandAnswer<R>> {
		const payload = { ...fields, sessionId: this.sessionId, idempotencyKey: crypto.randomUUID() };
		for (;;) {
			await this.untilJoined();
			if (this.closed) {
				return { ok: false, error: { code: 'forbidden', message: this.closed } };
			}
			try {
				return (await this.socket
					.timeout(ackTimeoutMs)
					.emitWithAck(name, payload)) as CommandAnswer<R>;
			} catch {
				// No acknowledgement: try again with the same idempotency key.
			}
		}
	}

	/** Lets a guest in, turns one away, or takes one out; the lobby follows by itself. */
	async decideGuest(name: LabGuestCommandName, guestId: string): Promise<CommandAnswer> {
		await this.untilJoined();
		if (this.closed) return { ok: false, error: { code: 'forbidden', message: this.closed } };
		try {
			return (await this.socket
				.timeout(ackTimeoutMs)
				.emitWithAck(name, { guestId })) as CommandAnswer;
		} catch {
			// Not sent again by itself: a second decision would be refused as a conflict.
			return { ok: false, error: { code: 'internal', message: 'labview_command_failed' } };
		}
	}

	destroy() {
		this.socket.removeAllListeners();
		this.socket.disconnect();
	}
}

/** A command as the view's components send it: true when the server accepted it. */
export type Send = <N extends SessionCommand>(name: N, fields: Fields<N>) => Promise<boolean>;
