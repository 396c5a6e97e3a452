/** Messages between the lab benchmark's main thread and its generator workers. */

export { now } from '../collab/protocol';

export type Member = { userId: string; token: string; role: 'facilitator' | 'participant' };

/** A running session, its case and its members; the first member is its facilitator. */
export type SessionSpec = {
	index: number;
	caseId: string;
	sessionId: string;
	/** A category of each kind (an observation's category must be of its kind). */
	categories: { kans: string; belemmering: string };
	members: Member[];
};

export type CommandKind = 'timer' | 'record' | 'step' | 'propose';

export type ConnectRequest = {
	type: 'connect';
	/** http://127.0.0.1:<port> */
	origin: string;
	sessions: SessionSpec[];
	concurrency: number;
	timeoutMs: number;
};

export type RunRequest = {
	type: 'run';
	/** Tags every idempotency key and text of this phase (checked in the database later). */
	tag: string;
	startAt: number;
	warmupEnd: number;
	measureEnd: number;
};

export type DrainRequest = { type: 'drain'; timeoutMs: number };

export type Request = ConnectRequest | RunRequest | DrainRequest | { type: 'disconnect' };

export type ConnectReply = { type: 'connected'; joined: number; failed: number; ms: number };
export type SentReply = { type: 'sent' };

/** Per session: the keys of the commands acknowledged with `ok`, by kind, and the keys seen. */
export type SessionOutcome = {
	sessionId: string;
	acked: Record<CommandKind, string[]>;
	/** Keys of observations and proposals some other member received. */
	seen: string[];
};

export type DrainReply = {
	type: 'drained';
	/** Command → receiver latencies (ms) of commands sent inside the measured window. */
	latencies: Float64Array;
	/** Command → acknowledgement latencies (ms) of commands sent inside the window. */
	acks: Float64Array;
	commandsInWindow: number;
	deliveriesInWindow: number;
	/** Commands sent in the whole phase: answered ok, refused (by error code), unanswered. */
	sent: number;
	ok: number;
	/** Acknowledged `ok` on a connection made again after the server restarted. */
	okAfterReconnect: number;
	refused: Record<string, number>;
	unanswered: number;
	/** Not sent because the client was not connected and joined at that moment. */
	skipped: number;
	/** Receivers left out of commands' audiences because they had not joined (again) yet. */
	absent: number;
	/** Deliveries of acknowledged commands every receiver should have had, and the ones it had. */
	expected: number;
	received: number;
	duplicates: number;
	missingSamples: string[];
	sessions: SessionOutcome[];
	eventLoopUtilisation: number;
	slowBySecond: number[];
	disconnects: number;
	/** socket.io's reason for each disconnect, e.g. `ping timeout`, `transport close`. */
	disconnectReasons: Record<string, number>;
	reconnects: number;
};

export type Reply = ConnectReply | SentReply | DrainReply | { type: 'disconnected' };
