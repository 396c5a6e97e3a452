import { and, eq, isNotNull } from 'drizzle-orm';
import type { Ctx } from '../context';
import { labSteps } from '../db/schema';
import { applyTimerOp, spentMs } from './timer';
import { stepsOf, timerOf, type StepRow } from './views';

/**
 * Leaves the current step: its time spent is banked and a running countdown pauses (it keeps
 * what was left, should the facilitator come back to the step).
 */
export async function leaveStep(tx: Ctx, step: StepRow, now: Date): Promise<void> {
	const paused = applyTimerOp(timerOf(step), { op: 'pause' }, now);
	await tx.db
		.update(labSteps)
		.set({
			spentMs: spentMs(step, now),
			enteredAt: null,
			...(paused ? { timerEndsAt: null, timerRemainingMs: paused.remainingMs } : {})
		})
		.where(eq(labSteps.id, step.id));
}

export async function enterStep(tx: Ctx, step: StepRow, now: Date): Promise<void> {
	await tx.db.update(labSteps).set({ enteredAt: now }).where(eq(labSteps.id, step.id));
}

/** Moves the session from its current step (if any) to step `index`. */
export async function moveToStep(tx: Ctx, sessionId: string, index: number, now: Date) {
	const steps = await stepsOf(tx, sessionId);
	for (const step of steps.filter((s) => s.enteredAt)) await leaveStep(tx, step, now);
	await enterStep(tx, steps[index], now);
}

/** Banks the time of whichever step is current, e.g. at the end of the session. */
export async function leaveCurrentStep(tx: Ctx, sessionId: string, now: Date) {
	const current = await tx.db
		.select()
		.from(labSteps)
		.where(and(eq(labSteps.sessionId, sessionId), isNotNull(labSteps.enteredAt)));
	for (const step of current) await leaveStep(tx, step, now);
}
