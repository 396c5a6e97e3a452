import type { BenchDatabase } from './database';
import { cpuBetween } from './database';
import type { Generator } from './generator';
import { now, type DrainReply } from './protocol';
import { readMachineBusyMs, type ProcSample, type RunningServer, type ServerKind } from './servers';

export type LoadSpec = { docs: number; clients: number; rate: number };

export type Timing = { warmupS: number; durationS: number; drainTimeoutS: number };

export type PhaseResult = {
	server: ServerKind;
	docs: number;
	clients: number;
	connections: number;
	rate: number;
	seconds: number;
	editsPerS: number;
	deliveries: number;
	deliveriesPerS: number;
	/** Latency edit → other client, ms. */
	p50: number;
	p99: number;
	max: number;
	samples: number;
	/** Latency edit → `persisted` acknowledgement (ours only), ms. */
	ackP50: number | null;
	ackP99: number | null;
	expected: number;
	/** Deliveries missing in this phase (every edit to every other client of its document). */
	missing: number;
	missingSamples: string[];
	converged: boolean;
	divergedDocs: number;
	serverCpuPct: number;
	/** Server process CPU per delivery (ms); PostgreSQL backends separately in dbCpuPerDelivery. */
	serverCpuPerDelivery: number;
	dbCpuPerDelivery: number | null;
	rssIdleMb: number;
	rssMb: number;
	peakRssMb: number;
	generatorCpuPct: number;
	/** CPU used by everything else on the machine meanwhile (other people's work: noise). */
	otherCpuPct: number;
	generatorCpuPerDelivery: number;
	eventLoopUtilisation: number[];
	/** Deliveries over 100 ms by second of the window (when the edit was sent). */
	slowBySecond: number[];
	awarenessPerS: number;
	connectS: number;
	connectFailed: number;
	disconnects: number;
};

export function percentile(sorted: Float64Array, p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]; // nearest rank
}

export function merge(arrays: Float64Array[]): Float64Array {
	const merged = new Float64Array(arrays.reduce((n, a) => n + a.length, 0));
	let offset = 0;
	for (const a of arrays) {
		merged.set(a, offset);
		offset += a.length;
	}
	return merged.sort();
}

export function at(time: number, action: () => void | Promise<void>): Promise<void> {
	return new Promise((resolve, reject) =>
		setTimeout(() => Promise.resolve(action()).then(resolve, reject), Math.max(0, time - now()))
	);
}

export type PhaseContext = {
	generator: Generator;
	server: RunningServer;
	database: BenchDatabase | null;
	spec: LoadSpec;
	timing: Timing;
	rssIdleMb: number;
	connect: { ms: number; failed: number };
	/** Cumulative missing deliveries before this phase (phases on the same connections). */
	missingBefore: number;
};

/** One measured phase on connected clients: warm-up, measured window, drain, checks. */
export async function measurePhase(
	c: PhaseContext
): Promise<{ result: PhaseResult; missingTotal: number }> {
	const startAt = now() + 200;
	const warmupEnd = startAt + c.timing.warmupS * 1000;
	const measureEnd = warmupEnd + c.timing.durationS * 1000;
	let server0: ProcSample | undefined;
	let server1: ProcSample | undefined;
	let db0 = new Map<number, number>();
	let db1 = new Map<number, number>();
	let gen0 = process.cpuUsage();
	let gen1 = gen0;
	let machine0 = 0;
	let machine1 = 0;
	const samples = Promise.all([
		at(warmupEnd, async () => {
			gen0 = process.cpuUsage();
			machine0 = readMachineBusyMs();
			server0 = c.server.sample();
			if (c.server.kind === 'ours' && c.database) db0 = await c.database.sampleCpu();
		}),
		at(measureEnd, async () => {
			gen1 = process.cpuUsage(gen0);
			machine1 = readMachineBusyMs();
			server1 = c.server.sample();
			if (c.server.kind === 'ours' && c.database) db1 = await c.database.sampleCpu();
		})
	]);
	const expected = await c.generator.run({ rate: c.spec.rate, startAt, warmupEnd, measureEnd });
	await samples;
	const replies = await c.generator.drain(expected, c.timing.drainTimeoutS * 1000);
	return summarise(c, replies, {
		server0: server0!,
		server1: server1!,
		db: cpuBetween(db0, db1),
		gen: gen1,
		machine: machine1 - machine0
	});
}

function summarise(
	c: PhaseContext,
	replies: DrainReply[],
	cpu: {
		server0: ProcSample;
		server1: ProcSample;
		db: number;
		gen: NodeJS.CpuUsage;
		machine: number;
	}
) {
	const seconds = c.timing.durationS;
	const sum = (pick: (r: DrainReply) => number) => replies.reduce((n, r) => n + pick(r), 0);
	const latencies = merge(replies.map((r) => r.latencies));
	const acks = merge(replies.map((r) => r.acks));
	const deliveries = sum((r) => r.deliveriesInWindow);
	const missingTotal = sum((r) => r.expected - r.received);
	const byDoc = new Map<number, Set<string>>();
	for (const { doc, digest } of replies.flatMap((r) => r.digests)) {
		byDoc.set(doc, (byDoc.get(doc) ?? new Set()).add(digest));
	}
	const divergedDocs = [...byDoc.values()].filter((digests) => digests.size > 1).length;
	const serverCpuMs = cpu.server1.cpuMs - cpu.server0.cpuMs;
	const generatorCpuMs = (cpu.gen.user + cpu.gen.system) / 1000;
	const perDelivery = (ms: number) => (deliveries > 0 ? ms / deliveries : NaN);
	const result: PhaseResult = {
		server: c.server.kind,
		docs: c.spec.docs,
		clients: c.spec.clients,
		connections: c.spec.docs * c.spec.clients,
		rate: c.spec.rate,
		seconds,
		editsPerS: sum((r) => r.editsInWindow) / seconds,
		deliveries,
		deliveriesPerS: deliveries / seconds,
		p50: percentile(latencies, 0.5),
		p99: percentile(latencies, 0.99),
		max: latencies.at(-1) ?? NaN,
		samples: latencies.length,
		ackP50: acks.length ? percentile(acks, 0.5) : null,
		ackP99: acks.length ? percentile(acks, 0.99) : null,
		expected: sum((r) => r.expected),
		missing: missingTotal - c.missingBefore,
		missingSamples: replies.flatMap((r) => r.missingSamples).slice(0, 5),
		converged: divergedDocs === 0,
		divergedDocs,
		serverCpuPct: serverCpuMs / (seconds * 10),
		serverCpuPerDelivery: perDelivery(serverCpuMs),
		dbCpuPerDelivery:
			c.server.kind === 'ours' && c.database?.kind === 'postgres' ? perDelivery(cpu.db) : null,
		rssIdleMb: c.rssIdleMb,
		rssMb: cpu.server1.rssMb,
		peakRssMb: cpu.server1.peakRssMb,
		generatorCpuPct: generatorCpuMs / (seconds * 10),
		generatorCpuPerDelivery: perDelivery(generatorCpuMs),
		otherCpuPct: (cpu.machine - serverCpuMs - generatorCpuMs - cpu.db) / (seconds * 10),
		eventLoopUtilisation: replies.map((r) => r.eventLoopUtilisation),
		slowBySecond: Array.from({ length: seconds }, (_, i) =>
			replies.reduce((n, r) => n + (r.slowBySecond[i] ?? 0), 0)
		),
		awarenessPerS: sum((r) => r.awarenessInWindow) / seconds,
		connectS: c.connect.ms / 1000,
		connectFailed: c.connect.failed,
		disconnects: sum((r) => r.disconnects)
	};
	return { result, missingTotal };
}
