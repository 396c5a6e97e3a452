import { z } from 'zod';
import { containsBsn } from '../schemas/bsn';
import { errorKeys, pseudonymisedText } from '../schemas/text';

/**
 * The contract of Change Lab sessions, shared by browser and server: the commands a client
 * sends (name + payload schema) and the events the server broadcasts (name + payload type).
 * Every command carries `idempotencyKey`: a retried or duplicated command is recorded once and
 * answered with the same result.
 */

export const sessionStatuses = ['planned', 'running', 'ended'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const observationKinds = ['kans', 'belemmering'] as const;
export type ObservationKind = (typeof observationKinds)[number];

/** The Change Laboratory's 3×3 surface: rows by columns. */
export const boardRows = ['mirror', 'ideas', 'model'] as const;
export const boardColumns = ['past', 'present', 'future'] as const;
export type BoardCell = { row: (typeof boardRows)[number]; column: (typeof boardColumns)[number] };

export const presenceStatuses = ['present', 'away', 'left'] as const;
export type PresenceStatus = (typeof presenceStatuses)[number];

export const proposalStatuses = ['pending', 'accepted', 'merged', 'declined'] as const;
export type ProposalStatus = (typeof proposalStatuses)[number];

export const labLimits = {
	title: 120,
	goal: 1000,
	stepTitle: 120,
	/** A timebox: 1 minute to 8 hours. */
	stepMinutes: { min: 1, max: 480 },
	steps: { min: 1, max: 20 },
	observationText: 1000,
	raisedByName: 120,
	resolutionNote: 500,
	categoryLabel: 120,
	/** Time added to a timer at once: up to an hour. */
	addMs: 60 * 60 * 1000,
	planItemId: 100,
	idempotencyKey: 100
} as const;

const idempotencyKey = z
	.string({ error: errorKeys.required })
	.min(8, { error: errorKeys.required })
	.max(labLimits.idempotencyKey, { error: errorKeys.tooLong })
	.regex(/^[\w-]+$/, { error: errorKeys.choice });
const id = z.uuid({ error: errorKeys.choice });
const command = <T extends z.ZodRawShape>(shape: T) =>
	z.object({ idempotencyKey, ...shape }).strict();

export const agendaStepSchema = z.object({
	title: pseudonymisedText(labLimits.stepTitle),
	minutes: z
		.number({ error: errorKeys.required })
		.int()
		.min(labLimits.stepMinutes.min, { error: errorKeys.choice })
		.max(labLimits.stepMinutes.max, { error: errorKeys.choice })
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;
const agenda = z
	.array(agendaStepSchema)
	.min(labLimits.steps.min, { error: errorKeys.required })
	.max(labLimits.steps.max, { error: errorKeys.tooLong });

const sessionFields = {
	title: pseudonymisedText(labLimits.title),
	goal: pseudonymisedText(labLimits.goal, false).default(''),
	scheduledAt: z.iso.datetime({ offset: true, error: errorKeys.required }),
	scribeId: id.nullable().default(null)
};

const observationFields = {
	kind: z.enum(observationKinds, { error: errorKeys.choice }),
	text: pseudonymisedText(labLimits.observationText),
	categoryId: id,
	planItemId: z
		.string()
		.trim()
		.min(1)
		.max(labLimits.planItemId)
		// Free text to the schema, stored and sent on: held to the same BSN rule as the text.
		.refine((value) => !containsBsn(value), { error: errorKeys.bsn })
		.nullable()
		.default(null),
	organisationId: id.nullable().default(null),
	/** A member who raised it, or a free name (a family member, a guest); neither: the sender. */
	raisedById: id.nullable().default(null),
	raisedByName: pseudonymisedText(labLimits.raisedByName, false).nullable().default(null)
};

const cell = z
	.object({ row: z.enum(boardRows), column: z.enum(boardColumns) })
	.strict()
	.nullable();

/** Command payloads by command name. The session id travels beside the payload. */
export const labCommandSchemas = {
	/** Case-level: plan a session (the case id travels beside it). Agenda defaults to the method's. */
	'lab:plan': command({ ...sessionFields, steps: agenda.optional() }),
	/** While planned: any of the session's facts and its whole agenda (edited, reordered). */
	'lab:update': command({
		title: sessionFields.title.optional(),
		goal: pseudonymisedText(labLimits.goal, false).optional(),
		scheduledAt: sessionFields.scheduledAt.optional(),
		scribeId: id.nullable().optional(),
		steps: agenda.optional()
	}),
	'lab:start': command({}),
	'lab:step:go': command({
		index: z
			.number()
			.int()
			.min(0)
			.max(labLimits.steps.max - 1)
	}),
	'lab:step:next': command({}),
	'lab:timer': command({
		op: z.enum(['start', 'pause', 'resume', 'add']),
		/** Only for 'add'. */
		ms: z.number().int().min(1000).max(labLimits.addMs).optional()
	}),
	'lab:presence:set': command({ status: z.enum(presenceStatuses) }),
	'lab:hand:raise': command({}),
	'lab:hand:lower': command({}),
	/** The facilitator gives the word to the first raised hand. */
	'lab:hand:next': command({}),
	'lab:handover': command({ userId: id }),
	'lab:observation:record': command(observationFields),
	'lab:observation:propose': command(observationFields),
	'lab:observation:place': command({ observationId: id, cell }),
	'lab:proposal:resolve': command({
		proposalId: id,
		resolution: z.discriminatedUnion('as', [
			z
				.object({
					as: z.literal('accept'),
					/** Edits the facilitator made before accepting. */
					edits: z.object(observationFields).partial().strict().optional()
				})
				.strict(),
			z.object({ as: z.literal('merge'), observationId: id }).strict(),
			z.object({ as: z.literal('decline') }).strict()
		]),
		note: pseudonymisedText(labLimits.resolutionNote, false).optional()
	}),
	'lab:end': command({})
} as const;
export type LabCommandName = keyof typeof labCommandSchemas;
export type LabCommandInput<N extends LabCommandName> = z.input<(typeof labCommandSchemas)[N]>;
export type LabCommand<N extends LabCommandName> = z.output<(typeof labCommandSchemas)[N]>;

export * from './lab-events';
