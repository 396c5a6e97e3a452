/**
 * A lab generator worker: real socket.io clients on the session channel, whole sessions per
 * worker (so that a command and all its receivers are timed on one thread). In each session the
 * facilitator sends one command a second (timer add, observation, step, in turn) and the
 * participants one proposal a second in total, round-robin. Observations and proposals carry
 * their idempotency key in their text; a `lab:session` broadcast is matched to its command by
 * the session revision the facilitator saw just before the command's acknowledgement (the
 * server emits the broadcast, then the acknowledgement, on the same connection).
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import { channelNamespace, channelPath, type Ack } from '../../src/lib/protocol/channel';
import {
	now,
	type CommandKind,
	type ConnectRequest,
	type DrainRequest,
	type Reply,
	type Request,
	type RunRequest,
	type SessionOutcome,
	type SessionSpec
} from './protocol';

/** Long enough for a server that falls behind to answer: a command given up on is not lost. */
const ackTimeoutMs = 60_000;
const facilitatorCycle: CommandKind[] = ['timer', 'record', 'step'];
const textKey = /^bench:(\S+)/;

type Command = {
	key: string;
	kind: CommandKind;
	sender: number;
	sentAt: number;
	/** Sent on a connection made again after the server restarted. */
	afterReconnect: boolean;
	ackAt: number | null;
	/** ok, an error code, 'timeout' or 'disconnected' (no answer). */
	answer: string | null;
	/** The session revision of its `lab:session` broadcast (timer and step commands). */
	revision: number | null;
	/**
	 * Who must receive its broadcast: its audience as far as joined when it was sent (a member
	 * who had not joined again after a restart gets the state in the answer to its join).
	 */
	receivers: number[];
	/** Arrival time per receiving member. */
	arrivals: Map<number, number>;
};

type Client = {
	socket: Socket;
	member: number;
	joined: boolean;
	lastSessionRevision: number;
	/** Connected again during a run (after the server restarted). */
	reconnected: boolean;
};

type Session = {
	spec: SessionSpec;
	clients: Client[];
	commands: Command[];
	byKey: Map<string, Command>;
	/** `lab:session` arrivals per revision and member. */
	sessionArrivals: Map<number, Map<number, number>>;
	step: number;
	timers: ReturnType<typeof setTimeout>[];
};

const sessions: Session[] = [];
let window = { from: Infinity, to: -Infinity };
let counters = {
	skipped: 0,
	absent: 0,
	duplicates: 0,
	disconnects: 0,
	reconnects: 0,
	deliveries: 0
};
let elu: EventLoopUtilization | null = null;
let eluStart: EventLoopUtilization | null = null;
let running = false;
let disconnectReasons: Record<string, number> = {};

const reply = (message: Reply, transfer: ArrayBuffer[] = []) =>
	parentPort!.postMessage(message, transfer);
const inWindow = (t: number) => t >= window.from && t < window.to;

/** Who the server sends a command's broadcast to besides its sender. */
function audienceOf(session: Session, kind: CommandKind, sender: number): number[] {
	// Proposals go to their proposer and to the facilitator (also the case's owner), no further.
	if (kind === 'propose') return sender === 0 ? [] : [0];
	return session.clients.map((c) => c.member).filter((m) => m !== sender);
}

function arrived(session: Session, command: Command | undefined, member: number, t: number) {
	if (!command || member === command.sender) return;
	if (command.arrivals.has(member)) {
		counters.duplicates++;
		return;
	}
	command.arrivals.set(member, t);
	if (inWindow(t)) counters.deliveries++;
}

function keyOfText(text: unknown): string | undefined {
	return typeof text === 'string' ? textKey.exec(text)?.[1] : undefined;
}

function createClient(origin: string, session: Session, member: number): Client {
	const { spec } = session;
	const socket = io(`${origin}${channelNamespace}`, {
		path: channelPath,
		// `role` is for the relay, which knows nobody; our server ignores it.
		auth: { caseId: spec.caseId, role: spec.members[member].role },
		extraHeaders: { authorization: `Bearer ${spec.members[member].token}` },
		transports: ['websocket'],
		forceNew: true,
		reconnectionDelay: 100,
		reconnectionDelayMax: 1000
	});
	const client: Client = {
		socket,
		member,
		joined: false,
		lastSessionRevision: -1,
		reconnected: false
	};
	socket.on('connect', () => {
		// Also after socket.io recovered the connection: the server takes commands only for the
		// sessions joined on this connection (its rooms come back, that record does not).
		if (running) {
			counters.reconnects++;
			client.reconnected = true;
		}
		void socket
			.timeout(ackTimeoutMs)
			.emitWithAck('lab:join', { sessionId: spec.sessionId })
			.then(
				(answer: Ack<{ state?: { session?: { currentStep: number | null } } }>) => {
					// Steps go round from where the session is (the relay knows no steps).
					if (answer.ok && member === 0) session.step = answer.state?.session?.currentStep ?? 0;
					client.joined = answer.ok;
				},
				() => (client.joined = false)
			);
	});
	socket.on('disconnect', (reason) => {
		client.joined = false;
		if (running) disconnectReasons[reason] = (disconnectReasons[reason] ?? 0) + 1;
		// Answers never come over a connection that is gone.
		for (const command of session.commands) {
			if (command.sender === member && command.answer === null) command.answer = 'disconnected';
		}
		if (running) counters.disconnects++;
	});
	socket.on('lab:session', (payload: { revision: number }) => {
		const t = now();
		client.lastSessionRevision = payload.revision;
		let byMember = session.sessionArrivals.get(payload.revision);
		if (!byMember) session.sessionArrivals.set(payload.revision, (byMember = new Map()));
		if (byMember.has(member)) counters.duplicates++;
		else byMember.set(member, t);
	});
	socket.on('lab:observation', (payload: { observation: { text: string } }) => {
		const t = now();
		arrived(session, session.byKey.get(keyOfText(payload.observation?.text) ?? ''), member, t);
	});
	socket.on('lab:proposal', (payload: { proposal: { text: string } }) => {
		const t = now();
		arrived(session, session.byKey.get(keyOfText(payload.proposal?.text) ?? ''), member, t);
	});
	return client;
}

function whenJoined(client: Client, timeoutMs: number): Promise<boolean> {
	const started = now();
	return new Promise((resolve) => {
		const poll = () => {
			if (client.joined) return resolve(true);
			if (now() - started > timeoutMs) return resolve(false);
			setTimeout(poll, 20);
		};
		poll();
	});
}

async function connect(request: ConnectRequest) {
	const started = now();
	const all: Client[] = [];
	for (const spec of request.sessions) {
		const session: Session = {
			spec,
			clients: [],
			commands: [],
			byKey: new Map(),
			sessionArrivals: new Map(),
			step: 0,
			timers: []
		};
		sessions.push(session);
		session.clients = spec.members.map((_, member) =>
			createClient(request.origin, session, member)
		);
		all.push(...session.clients);
	}
	let joined = 0;
	let failed = 0;
	let next = 0;
	const lane = async () => {
		while (next < all.length) {
			if (await whenJoined(all[next++], request.timeoutMs)) joined++;
			else failed++;
		}
	};
	await Promise.all(Array.from({ length: request.concurrency }, lane));
	reply({ type: 'connected', joined, failed, ms: now() - started });
}

function payloadOf(session: Session, kind: CommandKind, key: string, sentAt: number) {
	const { sessionId, categories } = session.spec;
	const text = `bench:${key} sent ${Math.round(sentAt * 1000).toString(36)}`;
	switch (kind) {
		case 'timer':
			return { sessionId, idempotencyKey: key, op: 'add', ms: 1000 };
		case 'step':
			session.step = (session.step + 1) % 5; // the default agenda's five steps
			return { sessionId, idempotencyKey: key, index: session.step };
		case 'record':
			return { sessionId, idempotencyKey: key, kind: 'kans', text, categoryId: categories.kans };
		case 'propose':
			return {
				sessionId,
				idempotencyKey: key,
				kind: 'belemmering',
				text,
				categoryId: categories.belemmering
			};
	}
}

function send(session: Session, sender: number, kind: CommandKind, key: string) {
	const client = session.clients[sender];
	const event = {
		timer: 'lab:timer',
		step: 'lab:step:go',
		record: 'lab:observation:record',
		propose: 'lab:observation:propose'
	}[kind];
	if (!client.joined) {
		counters.skipped++;
		return;
	}
	const sentAt = now();
	const audience = audienceOf(session, kind, sender);
	const receivers = audience.filter((m) => session.clients[m].joined);
	counters.absent += audience.length - receivers.length;
	const command: Command = {
		key,
		kind,
		sender,
		sentAt,
		afterReconnect: client.reconnected,
		ackAt: null,
		answer: null,
		revision: null,
		receivers,
		arrivals: new Map()
	};
	session.commands.push(command);
	session.byKey.set(key, command);
	client.socket
		.timeout(ackTimeoutMs)
		.emitWithAck(event, payloadOf(session, kind, key, sentAt))
		.then(
			(answer: Ack) => {
				command.ackAt = now();
				command.answer = answer.ok ? 'ok' : answer.error.code;
				if (answer.ok && (kind === 'timer' || kind === 'step')) {
					command.revision = client.lastSessionRevision;
				}
			},
			() => (command.answer ??= 'timeout')
		);
}

function run(request: RunRequest) {
	window = { from: request.warmupEnd, to: request.measureEnd };
	counters = { skipped: 0, absent: 0, duplicates: 0, disconnects: 0, reconnects: 0, deliveries: 0 };
	running = true;
	disconnectReasons = {};
	for (const session of sessions) {
		session.commands = [];
		session.byKey.clear();
		session.sessionArrivals.clear();
	}
	let pending = sessions.length * 2;
	const finish = () => {
		if (--pending === 0) reply({ type: 'sent' });
	};
	const participants = (session: Session) => session.clients.length - 1;
	for (const session of sessions) {
		const tag = `${request.tag}s${session.spec.index}`;
		// The facilitator and the participants, each once a second, at a random phase.
		const lanes = [
			{ kind: (n: number) => facilitatorCycle[n % 3], sender: () => 0, name: 'f' },
			{
				kind: () => 'propose' as const,
				sender: (n: number) => 1 + (n % participants(session)),
				name: 'p'
			}
		];
		for (const lane of lanes) {
			let n = 0;
			const schedule = (at: number) => {
				const timer = setTimeout(
					() => {
						if (at >= request.measureEnd) return finish();
						send(session, lane.sender(n), lane.kind(n), `${tag}${lane.name}${n}`);
						n++;
						schedule(at + 1000);
					},
					Math.max(0, at - now())
				);
				session.timers.push(timer);
			};
			schedule(request.startAt + Math.random() * 1000);
		}
	}
	if (sessions.length === 0) setTimeout(() => reply({ type: 'sent' }), 0);
	setTimeout(() => (eluStart = performance.eventLoopUtilization()), request.warmupEnd - now());
	setTimeout(
		() => (elu = performance.eventLoopUtilization(eluStart ?? undefined)),
		request.measureEnd - now()
	);
}

/** Matches `lab:session` arrivals to the timer and step commands they broadcast. */
function resolveSessionArrivals(session: Session) {
	for (const command of session.commands) {
		if (command.revision === null) continue;
		for (const [member, t] of session.sessionArrivals.get(command.revision) ?? []) {
			if (member === command.sender || command.arrivals.has(member)) continue;
			command.arrivals.set(member, t);
			if (inWindow(t)) counters.deliveries++;
		}
	}
}

function complete(session: Session): boolean {
	return session.commands.every(
		(c) =>
			c.answer !== null &&
			(c.answer !== 'ok' ||
				(c.kind === 'timer' || c.kind === 'step'
					? c.receivers.every((m) => session.sessionArrivals.get(c.revision!)?.has(m))
					: c.receivers.every((m) => c.arrivals.has(m))))
	);
}

async function drain(request: DrainRequest) {
	const started = now();
	while (!sessions.every(complete) && now() - started < request.timeoutMs) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	running = false;
	const latencies: number[] = [];
	const acks: number[] = [];
	const slowBySecond: number[] = [];
	const refused: Record<string, number> = {};
	const outcomes: SessionOutcome[] = [];
	const missingSamples: string[] = [];
	let [sent, ok, okAfterReconnect, unanswered, commandsInWindow, expected, received] = [
		0, 0, 0, 0, 0, 0, 0
	];
	for (const session of sessions) {
		resolveSessionArrivals(session);
		const outcome: SessionOutcome = {
			sessionId: session.spec.sessionId,
			acked: { timer: [], record: [], step: [], propose: [] },
			seen: []
		};
		outcomes.push(outcome);
		for (const command of session.commands) {
			sent++;
			const counted = inWindow(command.sentAt);
			if (counted) commandsInWindow++;
			if (command.arrivals.size > 0 && (command.kind === 'record' || command.kind === 'propose')) {
				outcome.seen.push(command.key);
			}
			if (
				command.answer === null ||
				command.answer === 'timeout' ||
				command.answer === 'disconnected'
			) {
				unanswered++;
				continue;
			}
			if (command.answer !== 'ok') {
				refused[command.answer] = (refused[command.answer] ?? 0) + 1;
				continue;
			}
			ok++;
			if (command.afterReconnect) okAfterReconnect++;
			outcome.acked[command.kind].push(command.key);
			if (counted) acks.push(command.ackAt! - command.sentAt);
			for (const member of command.receivers) {
				expected++;
				const t = command.arrivals.get(member);
				if (t === undefined) {
					if (missingSamples.length < 5) missingSamples.push(`${command.key} -> member ${member}`);
					continue;
				}
				received++;
				if (!counted) continue;
				latencies.push(t - command.sentAt);
				if (t - command.sentAt > 100) {
					const second = Math.floor((command.sentAt - window.from) / 1000);
					slowBySecond[second] = (slowBySecond[second] ?? 0) + 1;
				}
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
			commandsInWindow,
			deliveriesInWindow: counters.deliveries,
			sent,
			ok,
			okAfterReconnect,
			refused,
			unanswered,
			skipped: counters.skipped,
			absent: counters.absent,
			expected,
			received,
			duplicates: counters.duplicates,
			missingSamples,
			sessions: outcomes,
			eventLoopUtilisation: elu?.utilization ?? 0,
			slowBySecond: Array.from(slowBySecond, (n) => n ?? 0),
			disconnects: counters.disconnects,
			disconnectReasons,
			reconnects: counters.reconnects
		},
		[latencyArray.buffer, ackArray.buffer]
	);
}

function disconnect() {
	for (const session of sessions.splice(0)) {
		session.timers.forEach(clearTimeout);
		for (const client of session.clients) client.socket.disconnect();
	}
	reply({ type: 'disconnected' });
}

parentPort!.on('message', (request: Request) => {
	if (request.type === 'connect') void connect(request);
	else if (request.type === 'run') run(request);
	else if (request.type === 'drain') void drain(request);
	else disconnect();
});
