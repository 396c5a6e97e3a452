import type { TimerView } from '../../protocol/lab';

/**
 * A step's countdown as stored times: running → `endsAt`; paused, or idle with time added →
 * `remainingMs`; idle → the timebox. Nothing ticks on the server: after a restart the same
 * rows give the same countdown.
 */
export type StoredTimer = { endsAt: Date | null; remainingMs: number | null; timeboxMs: number };

export type TimerOp = { op: 'start' | 'pause' | 'resume' } | { op: 'add'; ms: number };

export function timerStatus(timer: StoredTimer): TimerView['status'] {
	if (timer.endsAt) return 'running';
	return timer.remainingMs === null ? 'idle' : 'paused';
}

/** Milliseconds left at `now`; never negative. */
export function remainingMs(timer: StoredTimer, now: Date): number {
	if (timer.endsAt) return Math.max(0, timer.endsAt.getTime() - now.getTime());
	return timer.remainingMs ?? timer.timeboxMs;
}

/**
 * The timer after one operation, or null when the operation does not apply (pausing a timer
 * that does not run). Starting an idle or paused timer and resuming are the same move.
 */
export function applyTimerOp(timer: StoredTimer, op: TimerOp, now: Date): StoredTimer | null {
	const status = timerStatus(timer);
	switch (op.op) {
		case 'start':
		case 'resume':
			if (status === 'running') return null;
			return {
				...timer,
				endsAt: new Date(now.getTime() + remainingMs(timer, now)),
				remainingMs: null
			};
		case 'pause':
			if (status !== 'running') return null;
			return { ...timer, endsAt: null, remainingMs: remainingMs(timer, now) };
		case 'add':
			// A countdown that already ran out gets the time from now, not from its past end.
			if (status === 'running') {
				return { ...timer, endsAt: new Date(now.getTime() + remainingMs(timer, now) + op.ms) };
			}
			return { ...timer, remainingMs: remainingMs(timer, now) + op.ms };
	}
}

export function viewTimer(timer: StoredTimer, now: Date): TimerView {
	return {
		status: timerStatus(timer),
		endsAt: timer.endsAt?.toISOString() ?? null,
		remainingMs: remainingMs(timer, now)
	};
}

/** Time a step has been current, counting the stretch since it was entered. */
export function spentMs(step: { spentMs: number; enteredAt: Date | null }, now: Date): number {
	return (
		step.spentMs + (step.enteredAt ? Math.max(0, now.getTime() - step.enteredAt.getTime()) : 0)
	);
}
