import { eq } from 'drizzle-orm';
import { saveVersion } from '../collab';
import type { Ctx } from '../context';
import { labSessions, labSteps } from '../db/schema';
import { conflict, CapabilityError } from '../errors';
import { endSessionGuests } from '../invites';
import { writeJourneyRecord } from '../journeys';
import { runSessionCommand } from './command';
import { sessionEvent } from './events';
import { requireLeader } from './members';
import { gatherFacts } from './record-facts';
import { closePresence, restartPresence } from './presence';
import { closeHands } from './hands';
import { leaveCurrentStep, moveToStep } from './steps';
import { applyTimerOp } from './timer';
import { stepAfter } from './transitions';
import { stepsOf, timerOf } from './views';

const setSession = async (tx: Ctx, id: string, values: Partial<typeof labSessions.$inferInsert>) =>
	(await tx.db.update(labSessions).set(values).where(eq(labSessions.id, id)).returning())[0];

/** Starts a planned session at its first step, saving the case document as it is now. */
export function startSession(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:start', input, async (tx, s) => {
		const now = tx.clock();
		const version = await saveVersion(tx, s.session.caseId, {
			label: s.session.title,
			reason: 'lab_session_start'
		});
		await moveToStep(tx, s.session.id, 0, now);
		await restartPresence(tx, s.session.id, now);
		const session = await setSession(tx, s.session.id, {
			status: 'running',
			startedAt: now,
			currentStep: 0,
			startVersionId: version.id
		});
		return {
			result: { sessionId: session.id, startVersionId: version.id },
			events: [await sessionEvent(tx, session)],
			detail: { versionId: version.id }
		};
	});
}

async function goTo(tx: Ctx, session: typeof labSessions.$inferSelect, index: number) {
	await moveToStep(tx, session.id, index, tx.clock());
	const moved = await setSession(tx, session.id, { currentStep: index });
	return {
		result: { currentStep: index },
		events: [await sessionEvent(tx, moved)],
		detail: { from: session.currentStep, to: index }
	};
}

/** The facilitator moves everybody to step `index`. */
export function goToStep(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:step:go', input, async (tx, s, cmd) => {
		const count = (await stepsOf(tx, s.session.id)).length;
		if (cmd.index >= count) throw new CapabilityError('invalid', 'lab_error_no_such_step', 'index');
		if (cmd.index === s.session.currentStep) throw conflict('lab_error_same_step', 'index');
		return goTo(tx, s.session, cmd.index);
	});
}

export function nextStep(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:step:next', input, async (tx, s) => {
		const count = (await stepsOf(tx, s.session.id)).length;
		const next = stepAfter(s.session.currentStep, count);
		if (next === null) throw conflict('lab_error_last_step');
		return goTo(tx, s.session, next);
	});
}

/** Starts, pauses, resumes or lengthens the current step's countdown. */
export function operateTimer(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:timer', input, async (tx, s, cmd) => {
		if (cmd.op === 'add' && !cmd.ms) throw new CapabilityError('invalid', 'error_required', 'ms');
		const steps = await stepsOf(tx, s.session.id);
		const step = steps[s.session.currentStep ?? -1];
		if (!step) throw conflict('lab_error_no_current_step');
		const op = cmd.op === 'add' ? { op: 'add' as const, ms: cmd.ms! } : { op: cmd.op };
		const timer = applyTimerOp(timerOf(step), op, tx.clock());
		if (!timer) throw conflict('lab_error_timer_state', 'op');
		await tx.db
			.update(labSteps)
			.set({ timerEndsAt: timer.endsAt, timerRemainingMs: timer.remainingMs })
			.where(eq(labSteps.id, step.id));
		return {
			result: { endsAt: timer.endsAt?.toISOString() ?? null, remainingMs: timer.remainingMs },
			events: [await sessionEvent(tx, s.session)],
			detail: { op: cmd.op, ms: cmd.ms ?? null, step: s.session.currentStep }
		};
	});
}

/** Hands the facilitator role to another member of the case with edit rights. */
export function handOver(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:handover', input, async (tx, s, cmd) => {
		const member = await requireLeader(tx, s.session.caseId, cmd.userId, 'userId');
		if (member.userId === s.session.facilitatorId)
			throw conflict('lab_error_same_facilitator', 'userId');
		const session = await setSession(tx, s.session.id, { facilitatorId: member.userId });
		return {
			result: { facilitatorId: member.userId },
			events: [await sessionEvent(tx, session)],
			detail: { from: s.session.facilitatorId, to: member.userId }
		};
	});
}

/**
 * Ends a running session: banks the time of the current step and of everyone present, saves
 * the case document, and writes the one journey record from what is stored. A second end
 * (another facilitator at the same moment) waits for the session's lock and is refused.
 */
export function endSession(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:end', input, async (tx, s) => {
		const now = tx.clock();
		await leaveCurrentStep(tx, s.session.id, now);
		await closePresence(tx, s.session.id, now);
		await closeHands(tx, s.session.id, now);
		const version = await saveVersion(tx, s.session.caseId, {
			label: s.session.title,
			reason: 'lab_session_end'
		});
		const session = await setSession(tx, s.session.id, {
			status: 'ended',
			endedAt: now,
			endVersionId: version.id
		});
		const record = await writeJourneyRecord(tx, await gatherFacts(tx, session), {
			startVersionId: session.startVersionId!,
			endVersionId: version.id
		});
		// Guests invited for this session only leave with it; the case's guests stay.
		await endSessionGuests(tx, session.id);
		return {
			result: { recordId: record.id, endVersionId: version.id },
			events: [
				await sessionEvent(tx, session),
				{
					name: 'lab:ended',
					payload: { sessionId: session.id, revision: session.revision, recordId: record.id },
					audience: { sessionId: session.id }
				}
			],
			detail: { recordId: record.id, versionId: version.id }
		};
	});
}
