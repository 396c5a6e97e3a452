/**
 * A generator worker: real y-websocket clients, each with its own Y.Doc and WebSocket. Each
 * client writes `[seq, sentAt]` under its own key in the shared map `bench`; every other client
 * of the document timestamps its arrival, which gives latency, deliveries and completeness.
 */
import { createHash } from 'node:crypto';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	now,
	type ClientSpec,
	type ConnectRequest,
	type DrainRequest,
	type Reply,
	type Request,
	type RunRequest
} from './protocol';

const persistedMessage = 100; // src/lib/protocol/collab.ts messageType.persisted
const awarenessMessage = 1;
const awarenessRenewalMs = 15_000; // y-protocols awareness: outdatedTimeout / 2

type Client = {
	spec: ClientSpec;
	doc: Y.Doc;
	map: Y.Map<[number, number]>;
	provider: WebsocketProvider;
	seq: number;
	/** Own clock after each edit still awaiting the server's `persisted`, with its send time. */
	unacked: [number, number][];
	/** Per sender: distinct edits received and the highest seq. */
	received: Map<string, { count: number; last: number }>;
	timer: ReturnType<typeof setTimeout> | null;
	awarenessTimer: ReturnType<typeof setTimeout> | null;
};

const clients: Client[] = [];
let window = { from: Infinity, to: -Infinity };
let latencies: number[] = [];
let acks: number[] = [];
/** Deliveries over 100 ms, by second of the measured window in which they were sent. */
let slowBySecond: number[] = [];
let counters = { edits: 0, deliveries: 0, awareness: 0, disconnects: 0 };
let elu: EventLoopUtilization | null = null;
let eluStart: EventLoopUtilization | null = null;

process.setMaxListeners(0); // every provider adds an exit listener
const reply = (message: Reply, transfer: ArrayBuffer[] = []) =>
	parentPort!.postMessage(message, transfer);
const inWindow = (t: number) => t >= window.from && t < window.to;

function bearerWebSocket(token: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
		}
	} as unknown as typeof globalThis.WebSocket;
}

function createClient(url: string, spec: ClientSpec, awareness: boolean): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(url, spec.room, doc, {
		WebSocketPolyfill: bearerWebSocket(spec.token),
		disableBc: true,
		maxBackoffTime: 1000,
		params: { acks: 'persisted' } // src/lib/protocol/collab.ts persistedAcksParam
	});
	if (awareness)
		provider.awareness.setLocalStateField('user', { name: spec.key, color: '#1f6feb' });
	else provider.awareness.setLocalState(null);
	const client: Client = {
		spec,
		doc,
		// A top-level map of the case document (src/lib/protocol/collab.ts): the server refuses
		// writes to shared types outside that schema.
		map: doc.getMap('breakthrough'),
		provider,
		seq: 0,
		unacked: [],
		received: new Map(),
		timer: null,
		awarenessTimer: null
	};
	const relayAwareness = provider.messageHandlers[awarenessMessage];
	provider.messageHandlers[awarenessMessage] = (...args) => {
		if (inWindow(now())) counters.awareness++;
		relayAwareness(...args);
	};
	provider.messageHandlers[persistedMessage] = (_encoder, decoder) => {
		const t = now();
		const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(doc.clientID) ?? 0;
		while (client.unacked.length > 0 && client.unacked[0][0] <= stored) {
			const [, sentAt] = client.unacked.shift()!;
			if (inWindow(sentAt)) acks.push(t - sentAt);
		}
	};
	provider.on('connection-close', () => {
		if (provider.shouldConnect) counters.disconnects++;
	});
	client.map.observe((event) => {
		const t = now();
		for (const key of event.keysChanged) {
			if (key === spec.key) continue;
			const value = client.map.get(key);
			if (!value) continue;
			const [seq, sentAt] = value;
			const seen = client.received.get(key) ?? { count: 0, last: 0 };
			client.received.set(key, seen);
			if (seq <= seen.last) continue;
			seen.count++;
			seen.last = seq;
			if (inWindow(sentAt)) {
				latencies.push(t - sentAt);
				const second = Math.floor((sentAt - window.from) / 1000);
				if (t - sentAt > 100) slowBySecond[second] = (slowBySecond[second] ?? 0) + 1;
			}
			if (inWindow(t)) counters.deliveries++;
		}
	});
	return client;
}

function whenSynced(client: Client, timeoutMs: number): Promise<boolean> {
	if (client.provider.synced) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), timeoutMs);
		client.provider.once('sync', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

async function connect(request: ConnectRequest) {
	const started = now();
	let connected = 0;
	let failed = 0;
	let next = 0;
	const lane = async () => {
		while (next < request.clients.length) {
			const client = createClient(request.url, request.clients[next++], request.awareness);
			clients.push(client);
			if (await whenSynced(client, request.timeoutMs)) connected++;
			else failed++;
		}
	};
	await Promise.all(Array.from({ length: request.concurrency }, lane));
	reply({ type: 'connected', connected, failed, ms: now() - started });
}

function edit(client: Client) {
	const t = now();
	client.map.set(client.spec.key, [++client.seq, t]);
	if (inWindow(t)) counters.edits++;
	client.unacked.push([Y.getState(client.doc.store, client.doc.clientID), t]);
}

function run(request: RunRequest) {
	window = { from: request.warmupEnd, to: request.measureEnd };
	latencies = [];
	acks = [];
	slowBySecond = [];
	counters = { edits: 0, deliveries: 0, awareness: 0, disconnects: counters.disconnects };
	const interval = 1000 / request.rate;
	let running = clients.length;
	const finish = () => {
		if (--running > 0) return;
		const lastSeq = Object.fromEntries(
			clients.map((c) => [c.spec.key, { doc: c.spec.doc, seq: c.seq }])
		);
		reply({ type: 'sent', lastSeq });
	};
	const schedule = (client: Client, at: number) => {
		client.timer = setTimeout(
			() => {
				if (at >= request.measureEnd) return finish();
				edit(client);
				schedule(client, at + interval);
			},
			Math.max(0, at - now())
		);
	};
	for (const client of clients) schedule(client, request.startAt + Math.random() * interval);
	setTimeout(() => clients.forEach(spreadAwarenessRenewal), request.startAt - now());
	if (clients.length === 0) setTimeout(() => reply({ type: 'sent', lastSeq: {} }), 0);
	setTimeout(() => (eluStart = performance.eventLoopUtilization()), request.warmupEnd - now());
	setTimeout(
		() => (elu = performance.eventLoopUtilization(eluStart ?? undefined)),
		request.measureEnd - now()
	);
}

/**
 * Awareness renews a client's presence every 15 s (checked every 3 s). Clients that connected
 * together would renew in waves; real clients renew at random moments. Each client's next
 * renewal is moved to a random moment within the next 15 s, so that the measured window sees
 * a steady rate (clients / 15 per second), the same for every server.
 */
function spreadAwarenessRenewal(client: Client) {
	const { awareness } = client.provider;
	const meta = awareness.meta.get(client.doc.clientID);
	if (!meta || awareness.getLocalState() === null) return;
	meta.lastUpdated = Date.now(); // postpones the built-in renewal…
	if (client.awarenessTimer) clearTimeout(client.awarenessTimer);
	client.awarenessTimer = setTimeout(
		() => awareness.setLocalState(awareness.getLocalState()), // …to this random moment
		Math.random() * awarenessRenewalMs
	);
}

function digest(client: Client): string {
	const vector = [...Y.decodeStateVector(Y.encodeStateVector(client.doc))].sort(
		(a, b) => a[0] - b[0]
	);
	const content = [...client.map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
	return createHash('sha1')
		.update(JSON.stringify([vector, content]))
		.digest('hex');
}

async function drain(request: DrainRequest) {
	const started = now();
	const pending = (client: Client) =>
		Object.entries(request.expected[client.spec.doc] ?? {}).some(
			([key, seq]) => key !== client.spec.key && (client.received.get(key)?.last ?? 0) < seq
		);
	while (clients.some(pending) && now() - started < request.timeoutMs) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const drainMs = now() - started;
	let expected = 0;
	let received = 0;
	const missingSamples: string[] = [];
	for (const client of clients) {
		for (const [key, seq] of Object.entries(request.expected[client.spec.doc] ?? {})) {
			if (key === client.spec.key) continue;
			const count = client.received.get(key)?.count ?? 0;
			expected += seq;
			received += count;
			if (count < seq && missingSamples.length < 5) {
				missingSamples.push(`${client.spec.key} <- ${key}: ${seq - count}`);
			}
		}
	}
	const latencyArray = Float64Array.from(latencies);
	const ackArray = Float64Array.from(acks);
	reply(
		{
			type: 'drained',
			latencies: latencyArray,
			acks: ackArray,
			editsInWindow: counters.edits,
			deliveriesInWindow: counters.deliveries,
			awarenessInWindow: counters.awareness,
			expected,
			received,
			missingSamples,
			digests: clients.map((c) => ({ doc: c.spec.doc, digest: digest(c) })),
			eventLoopUtilisation: elu?.utilization ?? 0,
			slowBySecond: Array.from(slowBySecond, (n) => n ?? 0),
			disconnects: counters.disconnects,
			drainMs
		},
		[latencyArray.buffer, ackArray.buffer]
	);
}

function disconnect() {
	for (const client of clients.splice(0)) {
		if (client.timer) clearTimeout(client.timer);
		if (client.awarenessTimer) clearTimeout(client.awarenessTimer);
		client.provider.destroy();
		client.doc.destroy();
	}
	reply({ type: 'disconnected' });
}

parentPort!.on('message', (request: Request) => {
	if (request.type === 'connect') void connect(request);
	else if (request.type === 'run') run(request);
	else if (request.type === 'drain') void drain(request);
	else disconnect();
});
