import { z } from 'zod';
import { labLimits, type AgendaStep } from '../protocol/lab';
import { dutchTimeToIso } from './dutch-time';
import { errorKeys, pseudonymisedText } from './text';

/**
 * The plan-a-session form: the session's facts, its agenda posted as indexed fields
 * (`steps.0.title`, `steps.0.minutes`, …) so it works without JavaScript, and what to do.
 */

/** A step as the form holds it: minutes stay text until the form is submitted. */
export type StepDraft = { title: string; minutes: string };

/** Buttons that change the agenda without saving (posted without JavaScript; local with it). */
export const agendaOpSchema = z.union([
	z.literal('add'),
	z.literal('template'),
	z.string().regex(/^(up|down|remove):\d{1,2}$/)
]);
export type AgendaOp = z.infer<typeof agendaOpSchema>;

export function applyAgendaOp(steps: StepDraft[], op: AgendaOp): StepDraft[] {
	const next = [...steps];
	if (op === 'add') {
		if (next.length < labLimits.steps.max) next.push({ title: '', minutes: '15' });
		return next;
	}
	if (op === 'template') return next;
	const [kind, raw] = op.split(':');
	const index = Number(raw);
	if (index >= next.length) return next;
	if (kind === 'remove') {
		if (next.length > labLimits.steps.min) next.splice(index, 1);
	} else {
		const other = kind === 'up' ? index - 1 : index + 1;
		if (other >= 0 && other < next.length) [next[index], next[other]] = [next[other], next[index]];
	}
	return next;
}

export const toDrafts = (steps: readonly AgendaStep[]): StepDraft[] =>
	steps.map((step) => ({ title: step.title, minutes: String(step.minutes) }));

/** The agenda steps in the posted form data, in index order. */
export function readStepDrafts(formData: FormData): StepDraft[] {
	const steps: StepDraft[] = [];
	for (let index = 0; index < labLimits.steps.max; index++) {
		const title = formData.get(`steps.${index}.title`);
		const minutes = formData.get(`steps.${index}.minutes`);
		if (typeof title !== 'string' && typeof minutes !== 'string') break;
		steps.push({
			title: typeof title === 'string' ? title : '',
			minutes: typeof minutes === 'string' ? minutes : ''
		});
	}
	return steps;
}

const stepSchema = z.object({
	title: pseudonymisedText(labLimits.stepTitle),
	minutes: z.coerce
		.number({ error: errorKeys.required })
		.int({ error: errorKeys.choice })
		.min(labLimits.stepMinutes.min, { error: 'lab_error_minutes' })
		.max(labLimits.stepMinutes.max, { error: 'lab_error_minutes' })
});

export const sessionFormSchema = z
	.object({
		idempotencyKey: z.string().min(8).max(labLimits.idempotencyKey),
		title: pseudonymisedText(labLimits.title),
		goal: pseudonymisedText(labLimits.goal, false).default(''),
		date: z.string({ error: errorKeys.required }).min(1, { error: errorKeys.required }),
		time: z.string({ error: errorKeys.required }).min(1, { error: errorKeys.required }),
		scribeId: z
			.string()
			.optional()
			.transform((value) => value || null)
			.pipe(z.uuid({ error: errorKeys.choice }).nullable()),
		steps: z
			.array(stepSchema)
			.min(labLimits.steps.min, { error: 'lab_error_steps_min' })
			.max(labLimits.steps.max, { error: errorKeys.tooLong }),
		saveAsTemplate: z
			.string()
			.optional()
			.transform((value) => value === 'on'),
		templateName: z.string().trim().max(labLimits.title, { error: errorKeys.tooLong }).default('')
	})
	.transform((form, context) => {
		const scheduledAt = dutchTimeToIso(form.date, form.time);
		if (!scheduledAt) {
			context.addIssue({ code: 'custom', path: ['date'], message: 'lab_error_date' });
			return z.NEVER;
		}
		if (form.saveAsTemplate && !form.templateName) {
			context.addIssue({ code: 'custom', path: ['templateName'], message: errorKeys.required });
			return z.NEVER;
		}
		return { ...form, scheduledAt };
	});
export type SessionForm = z.output<typeof sessionFormSchema>;

/** The fields of the form as posted, for schema and echo. */
export function readSessionForm(formData: FormData) {
	const text = (name: string) => {
		const value = formData.get(name);
		return typeof value === 'string' ? value : undefined;
	};
	return {
		idempotencyKey: text('idempotencyKey'),
		title: text('title'),
		goal: text('goal'),
		date: text('date'),
		time: text('time'),
		scribeId: text('scribeId'),
		steps: readStepDrafts(formData),
		saveAsTemplate: text('saveAsTemplate'),
		templateName: text('templateName'),
		templateId: text('templateId'),
		op: text('op')
	};
}
