import type { LifeDomain, PlanItemStatus } from '../../protocol/collab';
import type { BoardCell, ObservationKind, PresenceStatus } from '../../protocol/lab';

/**
 * How a demo case came to be what it is: the edits its members made, meeting by meeting, as
 * plain data. `write-story.ts` replays them through the same capabilities real use goes through.
 *
 * Times are relative to when the demo is loaded, so a freshly loaded demo always looks like a
 * case midway: `day` is days before today (0 = today), `time` the local time of day (HH:MM).
 * Dates in the content (`…InDays`) are days from today as well, negative for the past.
 */
export type DemoStory = {
	caseId: string;
	steps: DemoStep[];
};

export type DemoStep = {
	day: number;
	time: `${number}:${number}`;
	/** The member making the edit: a demo account id. */
	by: string;
} & (
	| { edit: DemoEdit }
	/** Saves the stored state as a named version ("versie opslaan"). */
	| { saveVersion: string }
	/** Opens the plan page and the live document, without editing (a read, audited as such). */
	| { opens: true }
	/** A Change Lab command, made through the lab capability at this time. */
	| { lab: DemoLabStep }
);

/**
 * An observation as a member brings it in: `category` is a label from the seeded list,
 * `organisation` a demo organisation id, `planItem` a plan item id of the story.
 */
export type DemoObservation = {
	/** A name the story refers to it by (to resolve, merge or place it later). */
	ref: string;
	kind: ObservationKind;
	text: string;
	category: string;
	planItem?: string;
	organisation?: string;
};

/**
 * One step of a Change Lab session. `session` is the story's name for the session. A session is
 * planned for the time given (`day`/`time` as in the steps), or for `'today'`: the next full hour
 * in Dutch time, not before 10:00, so a facilitator can start it on the day the demo is loaded.
 */
export type DemoLabStep = { session: string } & DemoLabCommand;

export type DemoLabCommand =
	| {
			plan: {
				title: string;
				goal: string;
				scribe: string;
				at: { day: number; time: `${number}:${number}` } | 'today';
			};
	  }
	| { presence: PresenceStatus }
	| { start: true }
	| { next: true }
	| { timer: 'start' | 'pause' | 'resume' }
	| { raiseHand: true }
	| { takeHand: true }
	| { observe: DemoObservation }
	| { propose: DemoObservation }
	| {
			resolve: {
				proposal: string;
				as: 'accept' | 'decline' | { merge: string };
				note?: string;
			};
	  }
	| { place: { observation: string; cell: BoardCell } }
	| { end: true };

/**
 * A narrative block: a paragraph (`**bold**` inside is bold), a heading (`## …`), or a bullet
 * list (an array of items).
 */
export type DemoBlock = string | string[];

export type DemoPlanItem = {
	id: string;
	action: string;
	organisation: string;
	person: string;
	costEstimate: number | null;
	legalBasis: string;
	dueInDays: number;
	status: PlanItemStatus;
};

export type DemoEdit =
	| { appendNarrative: DemoBlock[] }
	/** Replaces the paragraph at `index` (a correction after the meeting). */
	| { rewriteParagraph: { index: number; text: string } }
	| { breakthrough: string; agreedInDays?: number }
	| { addPlanItems: DemoPlanItem[] }
	| { updatePlanItem: { id: string } & Partial<Omit<DemoPlanItem, 'id'>> }
	| { removePlanItem: string }
	| { scores: Partial<Record<LifeDomain, [score: 1 | 2 | 3 | 4 | 5, note: string]>> };
