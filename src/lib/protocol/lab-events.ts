import { z } from 'zod';

/**
 * Events the server sends in Change Lab sessions, with the schema of each payload, so that a
 * client can check what it receives. Every payload names its session and the session's
 * revision: a client drops an event older than the state it holds.
 */

const sessionStatus = z.enum(['planned', 'running', 'ended']);
const observationKind = z.enum(['kans', 'belemmering']);
const iso = z.string();
const person = z.object({ userId: z.string(), name: z.string() });

export const timerViewSchema = z.object({
	status: z.enum(['idle', 'running', 'paused']),
	/** ISO time the countdown reaches zero, while running. */
	endsAt: iso.nullable(),
	/** Left on the timer when paused or idle; at `serverNow` when running. */
	remainingMs: z.number()
});

export const stepViewSchema = z.object({
	id: z.string(),
	index: z.number(),
	title: z.string(),
	minutes: z.number(),
	spentMs: z.number(),
	timer: timerViewSchema
});

export const sessionViewSchema = z.object({
	sessionId: z.string(),
	caseId: z.string(),
	revision: z.number(),
	status: sessionStatus,
	title: z.string(),
	goal: z.string(),
	scheduledAt: iso,
	startedAt: iso.nullable(),
	endedAt: iso.nullable(),
	facilitator: person.nullable(),
	scribe: person.nullable(),
	currentStep: z.number().nullable(),
	steps: z.array(stepViewSchema),
	/** The server's clock when this was made: clients count down from `endsAt` against it. */
	serverNow: iso
});

export const participantViewSchema = z.object({
	userId: z.string(),
	name: z.string(),
	organisation: z.string().nullable(),
	/** Case role (a guest's: their invite's); 'former member' when no longer a member. */
	role: z.string(),
	/** Came in by an invite link (role: what the link gave; organisation: what they typed). */
	guest: z.boolean(),
	status: z.enum(['present', 'away', 'left']),
	presentMs: z.number()
});

export const handViewSchema = z.object({
	id: z.string(),
	userId: z.string(),
	name: z.string(),
	raisedAt: iso
});

const cellSchema = z.object({
	row: z.enum(['mirror', 'ideas', 'model']),
	column: z.enum(['past', 'present', 'future'])
});

export const observationViewSchema = z.object({
	id: z.string(),
	kind: observationKind,
	text: z.string(),
	category: z.object({ id: z.string(), label: z.string() }),
	planItemId: z.string().nullable(),
	organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
	raisedBy: z.object({ userId: z.string().nullable(), name: z.string() }),
	recordedBy: z.object({ userId: z.string().nullable(), name: z.string() }),
	cell: cellSchema.nullable(),
	fromProposalIds: z.array(z.string()),
	createdAt: iso
});

export const proposalViewSchema = z.object({
	id: z.string(),
	kind: observationKind,
	text: z.string(),
	categoryId: z.string(),
	planItemId: z.string().nullable(),
	organisationId: z.string().nullable(),
	raisedBy: z.object({ userId: z.string().nullable(), name: z.string() }),
	proposedBy: person,
	status: z.enum(['pending', 'accepted', 'merged', 'declined']),
	observationId: z.string().nullable(),
	note: z.string().nullable(),
	resolvedBy: person.nullable(),
	createdAt: iso,
	resolvedAt: iso.nullable()
});

const inSession = { sessionId: z.string(), revision: z.number() };

/** Payload schemas by event name. */
export const labEventSchemas = {
	/** The session's facts, agenda, current step and timer: replaces what the client has. */
	'lab:session': sessionViewSchema,
	'lab:presence': z.object({ ...inSession, participants: z.array(participantViewSchema) }),
	'lab:hands': z.object({
		...inSession,
		queue: z.array(handViewSchema),
		/** The hand the facilitator just gave the word to. */
		taken: handViewSchema.nullable()
	}),
	/** One observation, new or changed (placed, merged into). */
	'lab:observation': z.object({ ...inSession, observation: observationViewSchema }),
	/** One proposal, to its proposer and those who may resolve it. */
	'lab:proposal': z.object({ ...inSession, proposal: proposalViewSchema }),
	/** The session ended and left this journey record. */
	'lab:ended': z.object({ ...inSession, recordId: z.string() })
} as const;

export const labEventNames = {
	session: 'lab:session',
	presence: 'lab:presence',
	hands: 'lab:hands',
	observation: 'lab:observation',
	proposal: 'lab:proposal',
	ended: 'lab:ended'
} as const satisfies Record<string, keyof typeof labEventSchemas>;
export type LabEventName = keyof typeof labEventSchemas;
export type LabEventPayloads = { [N in LabEventName]: z.infer<(typeof labEventSchemas)[N]> };

export type TimerView = z.infer<typeof timerViewSchema>;
export type StepView = z.infer<typeof stepViewSchema>;
export type SessionView = z.infer<typeof sessionViewSchema>;
export type ParticipantView = z.infer<typeof participantViewSchema>;
export type HandView = z.infer<typeof handViewSchema>;
export type ObservationView = z.infer<typeof observationViewSchema>;
export type ProposalView = z.infer<typeof proposalViewSchema>;
