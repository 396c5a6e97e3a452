import type { PhaseResult } from './measure';

export type Column<Row = PhaseResult> = { header: string; value: (r: Row) => string };

export const fixed = (value: number | null, digits = 1) =>
	value === null || Number.isNaN(value) ? '–' : value.toFixed(digits);

const columns: Column[] = [
	{ header: 'server', value: (r) => r.server },
	{ header: 'conns', value: (r) => `${r.connections}` },
	{ header: 'rate/s', value: (r) => `${r.rate}` },
	{ header: 'edits/s', value: (r) => fixed(r.editsPerS) },
	{ header: 'deliv/s', value: (r) => fixed(r.deliveriesPerS, 0) },
	{ header: 'p50 ms', value: (r) => fixed(r.p50, 2) },
	{ header: 'p99 ms', value: (r) => fixed(r.p99, 2) },
	{ header: 'max ms', value: (r) => fixed(r.max, 0) },
	{ header: 'missing', value: (r) => `${r.missing}/${r.expected}` },
	{ header: 'conv', value: (r) => (r.converged ? 'yes' : `NO (${r.divergedDocs} docs)`) },
	{ header: 'srv CPU', value: (r) => `${fixed(r.serverCpuPct)}%` },
	{ header: 'srv ms/deliv', value: (r) => fixed(r.serverCpuPerDelivery, 4) },
	{ header: 'db ms/deliv', value: (r) => fixed(r.dbCpuPerDelivery, 4) },
	{
		header: 'RSS MB idle→end (peak)',
		value: (r) => `${fixed(r.rssIdleMb, 0)}→${fixed(r.rssMb, 0)} (${fixed(r.peakRssMb, 0)})`
	},
	{ header: 'gen CPU', value: (r) => `${fixed(r.generatorCpuPct)}%` },
	{ header: 'gen ms/deliv', value: (r) => fixed(r.generatorCpuPerDelivery, 3) },
	{
		header: 'ELU',
		value: (r) => r.eventLoopUtilisation.map((u) => `${Math.round(u * 100)}%`).join('/')
	},
	{ header: 'other CPU', value: (r) => `${fixed(r.otherCpuPct, 0)}%` },
	{
		header: 'ack p50/p99',
		value: (r) => (r.ackP50 === null ? '–' : `${fixed(r.ackP50, 1)}/${fixed(r.ackP99, 1)}`)
	},
	{ header: 'aware/s', value: (r) => fixed(r.awarenessPerS, 0) },
	{ header: 'setup s', value: (r) => fixed(r.connectS) }
];

export function formatTable(rows: PhaseResult[]): string {
	return formatColumns(columns, rows);
}

/** A plain-text table: one row per result, columns aligned (the first to the left). */
export function formatColumns<Row>(columns: Column<Row>[], rows: Row[]): string {
	const cells = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))];
	const widths = columns.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
	return cells
		.map((row) =>
			row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')
		)
		.join('\n');
}

export type Ratios = { p50: number; p99: number; cpuPerDelivery: number; rss: number };

/** Ours divided by the reference's: below 1 means ours does better. */
export function ratios(ours: PhaseResult, reference: PhaseResult): Ratios {
	return {
		p50: ours.p50 / reference.p50,
		p99: ours.p99 / reference.p99,
		cpuPerDelivery:
			(ours.serverCpuPerDelivery + (ours.dbCpuPerDelivery ?? 0)) / reference.serverCpuPerDelivery,
		rss: ours.rssMb / reference.rssMb
	};
}

export function formatRatios(r: Ratios, withDb: boolean): string {
	const x = (value: number) => `${fixed(value, 2)}×`;
	return (
		`ours/reference: p50 ${x(r.p50)}, p99 ${x(r.p99)}, ` +
		`server CPU per delivery ${x(r.cpuPerDelivery)}${withDb ? ' (incl. PostgreSQL backends)' : ''}, ` +
		`RSS ${x(r.rss)}`
	);
}

/** Problems a reader must not miss, one line each. */
export function warnings(r: PhaseResult): string[] {
	const lines: string[] = [];
	if (r.connectFailed > 0) lines.push(`${r.server}: ${r.connectFailed} clients failed to connect`);
	if (r.missing > 0)
		lines.push(`${r.server}: ${r.missing} missing deliveries, e.g. ${r.missingSamples.join('; ')}`);
	if (!r.converged) lines.push(`${r.server}: ${r.divergedDocs} documents did not converge`);
	if (r.slowBySecond.some((n) => n > 0)) {
		lines.push(
			`${r.server}: deliveries over 100 ms by second of the window: ${r.slowBySecond.join(' ')}`
		);
	}
	if (r.disconnects > 0) lines.push(`${r.server}: ${r.disconnects} unexpected disconnects`);
	return lines;
}
