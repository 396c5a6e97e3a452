import { auditCase, openCase } from '../cases';
import { getCurrentState, readCaseContent } from '../collab';
import type { Ctx } from '../context';
import type { PlanDiff } from './plan-diff';
import type { JourneyRecordV1 } from './record';
import { selectRecords, type Addendum } from './records';

const dayMs = 24 * 60 * 60 * 1000;

/** Whole calendar days (UTC) from `from` to `to`; a date-only string counts from its midnight. */
export function daysBetween(from: Date | string, to: Date | string): number {
	const day = (value: Date | string) => {
		const date = typeof value === 'string' ? new Date(value) : value;
		return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
	};
	return Math.round((day(to) - day(from)) / dayMs);
}

export type PlanJourneyStop = {
	recordId: string;
	sessionId: string;
	title: string;
	startedAt: string;
	endedAt: string;
	durationMs: number;
	participants: JourneyRecordV1['participants'];
	/** Days since the previous session ended; null for the first. */
	daysSincePrevious: number | null;
	/** Days from the doorbraak's agreement to this session's end; null while not agreed. */
	daysSinceBreakthrough: number | null;
	difference: PlanDiff;
	observations: JourneyRecordV1['observations'];
	addenda: Addendum[];
};

export type PlanJourney = {
	caseId: string;
	breakthroughAgreedOn: string | null;
	/** Days from the doorbraak's agreement to today; null while not agreed. */
	daysSinceBreakthrough: number | null;
	stops: PlanJourneyStop[];
};

const validDate = (value: unknown): value is string =>
	typeof value === 'string' &&
	/^\d{4}-\d{2}-\d{2}$/.test(value) &&
	!Number.isNaN(Date.parse(value));

/** The planreis of a case: its session records in order, with the days between them. */
export async function getPlanJourney(ctx: Ctx, caseId: string): Promise<PlanJourney> {
	const opened = await openCase(ctx, caseId, 'readHistory', 'journey.read');
	const [records, state] = await Promise.all([
		selectRecords(ctx, opened.record.id),
		getCurrentState(ctx, opened.record.id)
	]);
	const agreedOn = readCaseContent(state).breakthrough.agreedOn;
	const breakthroughAgreedOn = validDate(agreedOn) ? agreedOn : null;
	const stops = records.map(({ id, sessionId, record, addenda }, index): PlanJourneyStop => {
		const previous = records[index - 1]?.record.session.endedAt;
		const agreedThen = record.plan.atEnd.breakthrough.agreedOn;
		return {
			recordId: id,
			sessionId,
			title: record.session.title,
			startedAt: record.session.startedAt,
			endedAt: record.session.endedAt,
			durationMs: record.session.durationMs,
			participants: record.participants,
			daysSincePrevious: previous ? daysBetween(previous, record.session.startedAt) : null,
			daysSinceBreakthrough: validDate(agreedThen)
				? daysBetween(agreedThen, record.session.endedAt)
				: null,
			difference: record.plan.difference,
			observations: record.observations,
			addenda
		};
	});
	await auditCase(ctx, opened, 'journey.read');
	return {
		caseId: opened.record.id,
		breakthroughAgreedOn,
		daysSinceBreakthrough: breakthroughAgreedOn
			? daysBetween(breakthroughAgreedOn, ctx.clock())
			: null,
		stops
	};
}
