import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { agendaStepSchema, labLimits, type AgendaStep } from '../../protocol/lab';
import { pseudonymisedText } from '../../schemas/text';
import { recordAudit } from '../audit';
import { auditCase } from '../cases';
import type { Ctx } from '../context';
import { labAgendaTemplates, labSessions, labSteps } from '../db/schema';
import { CapabilityError, conflict, forbidden, isUniqueViolation } from '../errors';
import { defaultAgenda } from './agenda';
import { runCaseCommand, runSessionCommand } from './command';
import { sessionEvent } from './events';
import { requireLeader } from './members';
import { openSession } from './open-session';
import { stepsOf } from './views';

async function insertSteps(tx: Ctx, sessionId: string, steps: readonly AgendaStep[]) {
	await tx.db
		.insert(labSteps)
		.values(steps.map((step, position) => ({ sessionId, position, ...step })));
}

/**
 * Plans a session on a case (owner or facilitator of the case); the planner facilitates it
 * until they hand it over. Without steps, the Change Lab method's default agenda.
 */
export function planSession(ctx: Ctx, caseId: string, input: unknown) {
	return runCaseCommand(ctx, caseId, 'lab:plan', input, async (tx, opened, cmd) => {
		const caseIdOfSession = opened.record.id;
		if (cmd.scribeId) await requireLeader(tx, caseIdOfSession, cmd.scribeId, 'scribeId');
		const [session] = await tx.db
			.insert(labSessions)
			.values({
				caseId: caseIdOfSession,
				title: cmd.title,
				goal: cmd.goal,
				scheduledAt: new Date(cmd.scheduledAt),
				facilitatorId: tx.actor!.id,
				scribeId: cmd.scribeId,
				createdBy: tx.actor!.id,
				createdAt: tx.clock()
			})
			.returning();
		await insertSteps(tx, session.id, cmd.steps ?? defaultAgenda);
		return {
			result: { sessionId: session.id },
			events: [await sessionEvent(tx, session)],
			detail: { sessionId: session.id }
		};
	});
}

/**
 * Changes a planned session's facts or replaces its agenda (steps edited, added, removed or
 * reordered: the client sends the agenda as it should be).
 */
export function updateSession(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:update', input, async (tx, s, cmd) => {
		if (cmd.scribeId) await requireLeader(tx, s.session.caseId, cmd.scribeId, 'scribeId');
		const [session] = await tx.db
			.update(labSessions)
			.set({
				title: cmd.title,
				goal: cmd.goal,
				scheduledAt: cmd.scheduledAt ? new Date(cmd.scheduledAt) : undefined,
				scribeId: cmd.scribeId
			})
			.where(eq(labSessions.id, s.session.id))
			.returning();
		if (cmd.steps) {
			await tx.db.delete(labSteps).where(eq(labSteps.sessionId, session.id));
			await insertSteps(tx, session.id, cmd.steps);
		}
		const changed = Object.keys(cmd).filter((key) => key !== 'idempotencyKey');
		return {
			result: { sessionId: session.id },
			events: [await sessionEvent(tx, session)],
			detail: { changed }
		};
	});
}

export const agendaTemplateSchema = z.object({ name: pseudonymisedText(labLimits.title) }).strict();

/**
 * Saves a session's agenda as a template for the whole deployment. Decided: whoever may plan
 * sessions on that case (its owners and facilitators) may share an agenda; step titles are
 * checked for BSNs like any text. Administrators may delete templates.
 */
export async function saveAgendaTemplate(ctx: Ctx, sessionId: string, input: unknown) {
	const { opened, session } = await openSession(ctx, sessionId, 'planSession', 'lab.template.save');
	const parsed = agendaTemplateSchema.safeParse(input);
	if (!parsed.success) {
		throw new CapabilityError('invalid', parsed.error.issues[0].message, 'name');
	}
	const steps = (await stepsOf(ctx, session.id)).map(({ title, minutes }) => ({ title, minutes }));
	try {
		const [template] = await ctx.db
			.insert(labAgendaTemplates)
			.values({ name: parsed.data.name, steps, createdBy: ctx.actor!.id })
			.returning({ id: labAgendaTemplates.id });
		await auditCase(ctx, opened, 'lab.template.save', { sessionId, templateId: template.id });
		return template;
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('lab_error_template_name', 'name');
		throw error;
	}
}

export type AgendaTemplate = { id: string; name: string; steps: AgendaStep[] };

/** The default agenda first, then the deployment's templates by name. */
export async function listAgendaTemplates(ctx: Ctx): Promise<AgendaTemplate[]> {
	if (!ctx.actor) throw forbidden();
	const rows = await ctx.db
		.select({
			id: labAgendaTemplates.id,
			name: labAgendaTemplates.name,
			steps: labAgendaTemplates.steps
		})
		.from(labAgendaTemplates)
		.orderBy(labAgendaTemplates.name);
	return [
		{ id: 'default', name: 'Change Lab', steps: [...defaultAgenda] },
		...rows.map((row) => ({ ...row, steps: z.array(agendaStepSchema).parse(row.steps) }))
	];
}

export async function deleteAgendaTemplate(ctx: Ctx, templateId: string): Promise<void> {
	if (ctx.actor?.role !== 'admin') throw forbidden();
	if (!z.uuid().safeParse(templateId).success) return;
	await ctx.db.delete(labAgendaTemplates).where(eq(labAgendaTemplates.id, templateId));
	await recordAudit(ctx, {
		action: 'lab.template.delete',
		outcome: 'success',
		detail: { templateId }
	});
}
