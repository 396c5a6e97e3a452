/** Messages between the benchmark's main thread and its generator workers. */

/** A monotonic clock shared by every thread of the process, in milliseconds. */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

export type ClientSpec = {
	/** Unique within the load; also the client's key in the shared `bench` map. */
	key: string;
	/** Index of the document within the load. */
	doc: number;
	/** The document's room name (the part after `/collab/`). */
	room: string;
	token: string;
};

export type ConnectRequest = {
	type: 'connect';
	url: string;
	clients: ClientSpec[];
	concurrency: number;
	timeoutMs: number;
	awareness: boolean;
};

export type RunRequest = {
	type: 'run';
	rate: number;
	startAt: number;
	warmupEnd: number;
	measureEnd: number;
};

/** Last sequence number each sender reached, per document: what every other client must see. */
export type Expected = Record<number, Record<string, number>>;

export type DrainRequest = { type: 'drain'; expected: Expected; timeoutMs: number };

export type Request = ConnectRequest | RunRequest | DrainRequest | { type: 'disconnect' };

export type ConnectReply = { type: 'connected'; connected: number; failed: number; ms: number };
export type SentReply = { type: 'sent'; lastSeq: Record<string, { doc: number; seq: number }> };

export type DrainReply = {
	type: 'drained';
	/** Edit-to-other-client latencies (ms) of edits sent inside the measured window. */
	latencies: Float64Array;
	/** Edit-to-`persisted` latencies (ms), for servers that acknowledge storage. */
	acks: Float64Array;
	editsInWindow: number;
	deliveriesInWindow: number;
	awarenessInWindow: number;
	/** Deliveries every client should have had since it connected, and the ones it had. */
	expected: number;
	received: number;
	/** Edits not delivered to some client, as `receiver <- sender: n`, first few only. */
	missingSamples: string[];
	/** Per client: document index and a digest of its state vector and content. */
	digests: { doc: number; digest: string }[];
	eventLoopUtilisation: number;
	/** Deliveries over 100 ms, by second of the measured window in which they were sent. */
	slowBySecond: number[];
	disconnects: number;
	drainMs: number;
};

export type Reply = ConnectReply | SentReply | DrainReply | { type: 'disconnected' };
