import type { AuditEvent } from './index';

const connect = 'case.collab.connect';
const disconnect = 'case.collab.disconnect';

/** One live session on a case document, from its connect and disconnect events. */
export type AuditVisit = {
	kind: 'visit';
	/** The id of the event the row stands in for (the disconnect, or the connect while open). */
	id: number;
	actorId: string | null;
	actorName: string | null;
	actorRole: string | null;
	caseId: string | null;
	address: string | null;
	/** Null when the connect is not among the events (older, or filtered out). */
	from: Date | null;
	/** Null while the visit goes on (or its disconnect is not among the events). */
	to: Date | null;
	writable: boolean | null;
	/** Null when the disconnect is not among the events. */
	updatesAccepted: number | null;
	/** The shared types the visit changed; null when not recorded (events from before). */
	touched: string[] | null;
};

export type AuditRow = ({ kind: 'event' } & AuditEvent) | AuditVisit;

const isVisitEvent = (event: AuditEvent) =>
	event.outcome === 'success' && (event.action === connect || event.action === disconnect);

function visitOf(start: AuditEvent | null, end: AuditEvent | null): AuditVisit {
	const either = (end ?? start)!;
	const startDetail = (start?.detail ?? {}) as { writable?: unknown };
	const endDetail = (end?.detail ?? {}) as { updatesAccepted?: unknown; touched?: unknown };
	return {
		kind: 'visit',
		id: either.id,
		actorId: either.actorId,
		actorName: either.actorName,
		actorRole: either.actorRole,
		caseId: either.caseId,
		address: either.address,
		from: start?.at ?? null,
		to: end?.at ?? null,
		writable: typeof startDetail.writable === 'boolean' ? startDetail.writable : null,
		updatesAccepted: !end
			? null
			: typeof endDetail.updatesAccepted === 'number'
				? endDetail.updatesAccepted
				: 0,
		touched: Array.isArray(endDetail.touched)
			? endDetail.touched.filter((type): type is string => typeof type === 'string')
			: null
	};
}

/**
 * Folds each successful `case.collab.connect` and the `case.collab.disconnect` that ends it (the
 * same person on the same case, first opened first closed: the events carry no connection id)
 * into one row per visit, placed where the visit ended. Takes and returns rows newest first;
 * other events, refused connects among them, stay as they are.
 */
export function foldVisits(events: AuditEvent[]): AuditRow[] {
	const rows: AuditRow[] = [];
	const open = new Map<string, AuditEvent[]>();
	for (const event of [...events].reverse()) {
		if (!isVisitEvent(event)) {
			rows.push({ kind: 'event', ...event });
			continue;
		}
		const key = `${event.actorId}|${event.caseId}`;
		const started = open.get(key) ?? [];
		if (event.action === connect) {
			open.set(key, [...started, event]);
			continue;
		}
		const [start = null, ...rest] = started;
		open.set(key, rest);
		rows.push(visitOf(start, event));
	}
	for (const starts of open.values()) for (const start of starts) rows.push(visitOf(start, null));
	return rows.sort((a, b) => b.id - a.id);
}
