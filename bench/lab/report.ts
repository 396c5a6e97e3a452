import { fixed, formatColumns, type Column } from '../collab/report';
import type { Completeness, Tally } from './check';
import type { LabPhaseResult } from './measure';

const pct = (value: number | null) => `${fixed(value)}%`;

const columns: Column<LabPhaseResult>[] = [
	{ header: 'server', value: (r) => r.server },
	{ header: 'phase', value: (r) => r.phase },
	{ header: 'conns', value: (r) => `${r.clients}` },
	{ header: 'cmds/s', value: (r) => fixed(r.commandsPerS) },
	{ header: 'deliv/s', value: (r) => fixed(r.deliveriesPerS, 0) },
	{ header: 'p50 ms', value: (r) => fixed(r.p50, 2) },
	{ header: 'p99 ms', value: (r) => fixed(r.p99, 2) },
	{ header: 'max ms', value: (r) => fixed(r.max, 0) },
	{ header: 'ack p50/p99', value: (r) => `${fixed(r.ackP50, 1)}/${fixed(r.ackP99, 1)}` },
	{ header: 'ok/sent', value: (r) => `${r.ok}/${r.sent}` },
	{ header: 'no ack', value: (r) => `${r.unanswered}` },
	{ header: 'missing', value: (r) => `${r.missing}/${r.expected}` },
	{ header: 'srv CPU', value: (r) => pct(r.serverCpuPct) },
	{ header: 'srv ms/cmd', value: (r) => fixed(r.serverCpuPerCommand, 2) },
	{ header: 'db ms/cmd', value: (r) => fixed(r.dbCpuPerCommand, 2) },
	{
		header: 'RSS MB idle→end (peak)',
		value: (r) => `${fixed(r.rssIdleMb, 0)}→${fixed(r.rssMb, 0)} (${fixed(r.peakRssMb, 0)})`
	},
	{ header: 'gen CPU', value: (r) => pct(r.generatorCpuPct) },
	{ header: 'gen ms/cmd', value: (r) => fixed(r.generatorCpuPerCommand, 2) },
	{
		header: 'ELU',
		value: (r) => r.eventLoopUtilisation.map((u) => `${Math.round(u * 100)}%`).join('/')
	},
	{ header: 'other CPU', value: (r) => `${fixed(r.otherCpuPct, 0)}%` },
	{ header: 'setup s', value: (r) => fixed(r.setupS) }
];

export const formatPhases = (rows: LabPhaseResult[]) => formatColumns(columns, rows);

const tally = (t: Tally) =>
	`${t.stored}/${t.acked}` +
	(t.lost ? `, LOST ${t.lost}` : '') +
	(t.duplicated ? `, DUPLICATED ${t.duplicated}` : '') +
	(t.misplaced ? `, MISPLACED ${t.misplaced}` : '') +
	(t.unacknowledged ? ` (+${t.unacknowledged} committed, not acknowledged)` : '');

export type Checked = { phase: string; completeness: Completeness };

const completenessColumns: Column<Checked>[] = [
	{ header: 'phase', value: (r) => r.phase },
	{ header: 'observations stored/acked', value: (r) => tally(r.completeness.observations) },
	{ header: 'proposals stored/acked', value: (r) => tally(r.completeness.proposals) },
	{
		header: 'acked commands without record',
		value: (r) => `${r.completeness.commands.lost}/${r.completeness.commands.acked}`
	},
	{ header: 'seen, not stored', value: (r) => `${r.completeness.seenNotStored}` },
	{
		header: 'sessions stored = acked',
		value: (r) => `${r.completeness.sessionsMatching}/${r.completeness.sessions}`
	}
];

export const formatCompleteness = (rows: Checked[]) => formatColumns(completenessColumns, rows);

/** Nothing acknowledged lost or stored twice, nothing seen that is not stored. */
export const isComplete = (c: Completeness) =>
	c.observations.lost + c.proposals.lost + c.commands.lost === 0 &&
	c.observations.duplicated + c.proposals.duplicated === 0 &&
	c.observations.misplaced + c.proposals.misplaced === 0 &&
	c.seenNotStored === 0;

export type LabRatios = {
	p50: number;
	p99: number;
	ackP99: number;
	cpuPerCommand: number;
	rss: number;
};

/** Ours divided by the relay's: below 1 means ours does better. */
export function labRatios(ours: LabPhaseResult, relay: LabPhaseResult): LabRatios {
	return {
		p50: ours.p50 / relay.p50,
		p99: ours.p99 / relay.p99,
		ackP99: ours.ackP99 / relay.ackP99,
		cpuPerCommand:
			((ours.serverCpuPerCommand ?? NaN) + (ours.dbCpuPerCommand ?? 0)) /
			(relay.serverCpuPerCommand ?? NaN),
		rss: (ours.rssMb ?? NaN) / (relay.rssMb ?? NaN)
	};
}

export function formatLabRatios(r: LabRatios, target: number): string {
	const x = (value: number) => `${fixed(value, 2)}×`;
	return (
		`ours/relay: broadcast p50 ${x(r.p50)}, p99 ${x(r.p99)} (target ≤ ${target}×: ${r.p99 <= target ? 'met' : 'NOT met'}), ` +
		`ack p99 ${x(r.ackP99)}, server CPU per command ${x(r.cpuPerCommand)}, RSS ${x(r.rss)}`
	);
}

/** Problems a reader must not miss, one line each. */
export function labWarnings(r: LabPhaseResult): string[] {
	const lines: string[] = [];
	const who = `${r.server} (${r.phase})`;
	if (r.setupFailed > 0) lines.push(`${who}: ${r.setupFailed} clients failed to connect or join`);
	if (Object.keys(r.refused).length > 0) {
		lines.push(`${who}: commands refused: ${JSON.stringify(r.refused)}`);
	}
	if (r.unanswered > 0) lines.push(`${who}: ${r.unanswered} commands never acknowledged`);
	if (r.skipped > 0) lines.push(`${who}: ${r.skipped} commands not sent (client not connected)`);
	if (r.absent > 0) {
		lines.push(`${who}: ${r.absent} broadcasts not expected (receiver not joined at the time)`);
	}
	if (r.missing > 0) {
		lines.push(`${who}: ${r.missing} broadcasts missing, e.g. ${r.missingSamples.join('; ')}`);
	}
	if (r.duplicates > 0) lines.push(`${who}: ${r.duplicates} broadcasts received twice`);
	if (r.slowBySecond.some((n) => n > 0)) {
		lines.push(
			`${who}: broadcasts over 100 ms by second of the window: ${r.slowBySecond.join(' ')}`
		);
	}
	if (r.disconnects > 0 || r.reconnects > 0) {
		lines.push(
			`${who}: ${r.disconnects} disconnects ${JSON.stringify(r.disconnectReasons)}, ${r.reconnects} reconnects, ` +
				`${r.okAfterReconnect} commands acknowledged after reconnecting`
		);
	}
	return lines;
}
