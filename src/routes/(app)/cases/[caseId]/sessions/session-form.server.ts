import { error, fail, redirect } from '@sveltejs/kit';
import { getCase, roleCan } from '$lib/server/cases';
import type { Ctx } from '$lib/server/context';
import { CapabilityError } from '$lib/server/errors';
import { listAgendaTemplates, saveAgendaTemplate } from '$lib/server/lab';
import {
	agendaOpSchema,
	applyAgendaOp,
	readSessionForm,
	sessionFormSchema,
	toDrafts,
	type SessionForm,
	type StepDraft
} from '$lib/schemas/session-form';
import { orCaseError, throwCaseError } from '../../case-errors';

/** What the plan form shows again after a post that did not save: values, agenda, errors. */
export type SessionFormState = {
	values: Record<string, string>;
	steps: StepDraft[];
	errors: Record<string, string>;
};

/** The case, the members who may be scribe and the agenda templates, for one who may plan. */
export async function loadPlanning(ctx: Ctx, caseId: string) {
	const { members, ...details } = await orCaseError(getCase(ctx, caseId));
	if (!details.rights.planSession) error(403, 'Forbidden');
	const templates = await listAgendaTemplates(ctx);
	return {
		case: { id: details.id, code: details.code, title: details.title },
		scribes: members
			.filter((member) => member.active && roleCan(member.role, 'leadSession'))
			.map((member) => ({
				value: member.userId,
				label: member.organisationName ? `${member.name} (${member.organisationName})` : member.name
			})),
		templates,
		/** One per rendered form: a double submit of this form is recorded once. */
		idempotencyKey: crypto.randomUUID()
	};
}

function echo(posted: ReturnType<typeof readSessionForm>): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of Object.entries(posted)) {
		if (typeof value === 'string') values[name] = value;
	}
	return values;
}

const fieldOfCommand = (field: string | undefined) =>
	!field ? '_form' : field === 'scheduledAt' ? 'date' : field;

/**
 * Handles a post of the plan form. An agenda button (posted without JavaScript) changes the
 * agenda and shows the form again; a save validates, calls `save` with the command's input,
 * saves the agenda as a template when asked, and goes back to the case page.
 */
export async function submitSessionForm(
	request: Request,
	ctx: Ctx,
	caseId: string,
	save: (
		input: Omit<SessionForm, 'date' | 'time' | 'saveAsTemplate' | 'templateName'>
	) => Promise<{ sessionId: string; replayed: boolean }>
) {
	const posted = readSessionForm(await request.formData());
	const op = agendaOpSchema.safeParse(posted.op);
	if (op.success) {
		let steps = applyAgendaOp(posted.steps, op.data);
		if (op.data === 'template') {
			const template = (await listAgendaTemplates(ctx)).find((t) => t.id === posted.templateId);
			if (template) steps = toDrafts(template.steps);
		}
		return { values: echo(posted), steps, errors: {} } satisfies SessionFormState;
	}
	const failure = (errors: Record<string, string>, status = 400) =>
		fail(status, { values: echo(posted), steps: posted.steps, errors });
	const parsed = sessionFormSchema.safeParse(posted);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) {
			const field = issue.path.length ? issue.path.map(String).join('.') : '_form';
			errors[field] ??= issue.message;
		}
		return failure(errors);
	}
	const { date: _date, time: _time, saveAsTemplate, templateName, ...input } = parsed.data;
	let saved: { sessionId: string; replayed: boolean };
	try {
		saved = await save(input);
	} catch (caught) {
		throwCaseError(caught);
		if (caught instanceof CapabilityError && ['invalid', 'conflict'].includes(caught.code)) {
			return failure(
				{ [fieldOfCommand(caught.field)]: caught.message },
				caught.code === 'conflict' ? 409 : 400
			);
		}
		throw caught;
	}
	const { sessionId } = saved;
	// A repeated post of the same form (same key) saved nothing new: neither is the template.
	if (saveAsTemplate && !saved.replayed) {
		try {
			await saveAgendaTemplate(ctx, sessionId, { name: templateName });
		} catch (caught) {
			if (!(caught instanceof CapabilityError && ['invalid', 'conflict'].includes(caught.code)))
				throw caught;
			// The session is saved; its edit page says why the template is not.
			redirect(303, `/cases/${caseId}/sessions/${sessionId}/edit?template=${caught.message}`);
		}
	}
	redirect(303, `/cases/${caseId}?planned=${sessionId}#sessions`);
}
