import { cpuBetween, type BenchDatabase } from '../collab/database';
import { at, merge, percentile, type Timing } from '../collab/measure';
import { readMachineBusyMs, type ProcSample, type RunningServer } from '../collab/servers';
import type { LabGenerator } from './generator';
import { now, type DrainReply, type SessionOutcome } from './protocol';

export type LabServerKind = 'ours' | 'relay';

export type LabPhaseResult = {
	server: LabServerKind;
	phase: string;
	sessions: number;
	clients: number;
	seconds: number;
	commandsPerS: number;
	deliveriesPerS: number;
	/** Command sent → each receiver has its broadcast, ms. */
	p50: number;
	p99: number;
	max: number;
	/** Command sent → its acknowledgement, ms. */
	ackP50: number;
	ackP99: number;
	sent: number;
	ok: number;
	okAfterReconnect: number;
	refused: Record<string, number>;
	unanswered: number;
	skipped: number;
	absent: number;
	/** Broadcasts of acknowledged commands that receivers should have had, and those missing. */
	expected: number;
	missing: number;
	missingSamples: string[];
	duplicates: number;
	/** Null when the server was not sampled (it was killed during the phase). */
	serverCpuPct: number | null;
	serverCpuPerCommand: number | null;
	dbCpuPerCommand: number | null;
	rssIdleMb: number;
	rssMb: number | null;
	peakRssMb: number | null;
	generatorCpuPct: number;
	generatorCpuPerCommand: number;
	eventLoopUtilisation: number[];
	otherCpuPct: number;
	slowBySecond: number[];
	disconnects: number;
	disconnectReasons: Record<string, number>;
	reconnects: number;
	setupS: number;
	setupFailed: number;
};

export type PhaseContext = {
	generator: LabGenerator;
	server: RunningServer<LabServerKind>;
	database: BenchDatabase | null;
	phase: string;
	tag: string;
	sessions: number;
	clients: number;
	timing: Timing;
	rssIdleMb: number;
	connect: { ms: number; failed: number };
	/** Runs beside the load from the start of the measured window (e.g. kills the server). */
	during?: (window: { from: number; to: number }) => Promise<void>;
};

/** One measured phase on connected clients: warm-up, measured window, drain. */
export async function measureLabPhase(
	c: PhaseContext
): Promise<{ result: LabPhaseResult; outcomes: SessionOutcome[] }> {
	const startAt = now() + 200;
	const warmupEnd = startAt + c.timing.warmupS * 1000;
	const measureEnd = warmupEnd + c.timing.durationS * 1000;
	const sampleServer = !c.during;
	let server0: ProcSample | null = null;
	let server1: ProcSample | null = null;
	let db0 = new Map<number, number>();
	let db1 = new Map<number, number>();
	let gen0 = process.cpuUsage();
	let gen1 = gen0;
	let machine0 = 0;
	let machine1 = 0;
	const ours = c.server.kind === 'ours' && c.database;
	const samples = Promise.all([
		at(warmupEnd, async () => {
			gen0 = process.cpuUsage();
			machine0 = readMachineBusyMs();
			if (sampleServer) server0 = c.server.sample();
			if (ours) db0 = await c.database!.sampleCpu();
		}),
		at(measureEnd, async () => {
			gen1 = process.cpuUsage(gen0);
			machine1 = readMachineBusyMs();
			if (sampleServer) server1 = c.server.sample();
			if (ours) db1 = await c.database!.sampleCpu();
		}),
		c.during ? at(warmupEnd, () => c.during!({ from: warmupEnd, to: measureEnd })) : null
	]);
	await c.generator.run({ tag: c.tag, startAt, warmupEnd, measureEnd });
	await samples;
	const replies = await c.generator.drain(c.timing.drainTimeoutS * 1000);
	return {
		result: summarise(c, replies, {
			server0,
			server1,
			db: cpuBetween(db0, db1),
			gen: gen1,
			machine: machine1 - machine0
		}),
		outcomes: replies.flatMap((r) => r.sessions)
	};
}

function summarise(
	c: PhaseContext,
	replies: DrainReply[],
	cpu: {
		server0: ProcSample | null;
		server1: ProcSample | null;
		db: number;
		gen: NodeJS.CpuUsage;
		machine: number;
	}
): LabPhaseResult {
	const seconds = c.timing.durationS;
	const sum = (pick: (r: DrainReply) => number) => replies.reduce((n, r) => n + pick(r), 0);
	const latencies = merge(replies.map((r) => r.latencies));
	const acks = merge(replies.map((r) => r.acks));
	const commands = sum((r) => r.commandsInWindow);
	const serverCpuMs = cpu.server0 && cpu.server1 ? cpu.server1.cpuMs - cpu.server0.cpuMs : null;
	const generatorCpuMs = (cpu.gen.user + cpu.gen.system) / 1000;
	const perCommand = (ms: number) => (commands > 0 ? ms / commands : NaN);
	const refused: Record<string, number> = {};
	for (const reply of replies) {
		for (const [code, n] of Object.entries(reply.refused)) refused[code] = (refused[code] ?? 0) + n;
	}
	return {
		server: c.server.kind,
		phase: c.phase,
		sessions: c.sessions,
		clients: c.clients,
		seconds,
		commandsPerS: commands / seconds,
		deliveriesPerS: sum((r) => r.deliveriesInWindow) / seconds,
		p50: percentile(latencies, 0.5),
		p99: percentile(latencies, 0.99),
		max: latencies.at(-1) ?? NaN,
		ackP50: percentile(acks, 0.5),
		ackP99: percentile(acks, 0.99),
		sent: sum((r) => r.sent),
		ok: sum((r) => r.ok),
		okAfterReconnect: sum((r) => r.okAfterReconnect),
		refused,
		unanswered: sum((r) => r.unanswered),
		skipped: sum((r) => r.skipped),
		absent: sum((r) => r.absent),
		expected: sum((r) => r.expected),
		missing: sum((r) => r.expected - r.received),
		missingSamples: replies.flatMap((r) => r.missingSamples).slice(0, 5),
		duplicates: sum((r) => r.duplicates),
		serverCpuPct: serverCpuMs === null ? null : serverCpuMs / (seconds * 10),
		serverCpuPerCommand: serverCpuMs === null ? null : perCommand(serverCpuMs),
		dbCpuPerCommand:
			c.database?.kind === 'postgres' && c.server.kind === 'ours' ? perCommand(cpu.db) : null,
		rssIdleMb: c.rssIdleMb,
		rssMb: cpu.server1?.rssMb ?? null,
		peakRssMb: cpu.server1?.peakRssMb ?? null,
		generatorCpuPct: generatorCpuMs / (seconds * 10),
		generatorCpuPerCommand: perCommand(generatorCpuMs),
		eventLoopUtilisation: replies.map((r) => r.eventLoopUtilisation),
		otherCpuPct:
			serverCpuMs === null
				? NaN
				: (cpu.machine - serverCpuMs - generatorCpuMs - cpu.db) / (seconds * 10),
		slowBySecond: Array.from({ length: seconds }, (_, i) =>
			replies.reduce((n, r) => n + (r.slowBySecond[i] ?? 0), 0)
		),
		disconnects: sum((r) => r.disconnects),
		disconnectReasons: replies.reduce<Record<string, number>>((all, r) => {
			for (const [reason, n] of Object.entries(r.disconnectReasons))
				all[reason] = (all[reason] ?? 0) + n;
			return all;
		}, {}),
		reconnects: sum((r) => r.reconnects),
		setupS: c.connect.ms / 1000,
		setupFailed: c.connect.failed
	};
}
