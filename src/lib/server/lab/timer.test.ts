import { describe, expect, it } from 'vitest';
import {
	applyTimerOp,
	remainingMs,
	spentMs,
	timerStatus,
	viewTimer,
	type StoredTimer
} from './timer';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, seconds));
const idle: StoredTimer = { endsAt: null, remainingMs: null, timeboxMs: 60_000 };

describe('step timer', () => {
	it('counts the whole timebox while idle and ends a timebox after the start', () => {
		expect(timerStatus(idle)).toBe('idle');
		expect(remainingMs(idle, at(0))).toBe(60_000);
		const running = applyTimerOp(idle, { op: 'start' }, at(0))!;
		expect(running.endsAt).toEqual(at(60));
		expect(remainingMs(running, at(45))).toBe(15_000);
		expect(remainingMs(running, at(90))).toBe(0);
	});

	it('keeps what was left across a pause, and counts on from the resume', () => {
		const running = applyTimerOp(idle, { op: 'start' }, at(0))!;
		const paused = applyTimerOp(running, { op: 'pause' }, at(20))!;
		expect(paused).toMatchObject({ endsAt: null, remainingMs: 40_000 });
		expect(remainingMs(paused, at(59))).toBe(40_000);
		const resumed = applyTimerOp(paused, { op: 'resume' }, at(50))!;
		expect(resumed.endsAt).toEqual(at(90));
	});

	it('adds time to a running, a paused, an idle and an expired timer', () => {
		const running = applyTimerOp(idle, { op: 'start' }, at(0))!;
		expect(applyTimerOp(running, { op: 'add', ms: 30_000 }, at(10))!.endsAt).toEqual(at(90));
		expect(applyTimerOp(running, { op: 'add', ms: 30_000 }, at(100))!.endsAt).toEqual(at(130));
		const paused = applyTimerOp(running, { op: 'pause' }, at(40))!;
		expect(applyTimerOp(paused, { op: 'add', ms: 5_000 }, at(45))!.remainingMs).toBe(25_000);
		const longer = applyTimerOp(idle, { op: 'add', ms: 5_000 }, at(0))!;
		expect(viewTimer(longer, at(0))).toEqual({
			status: 'paused',
			endsAt: null,
			remainingMs: 65_000
		});
	});

	it('refuses to pause what does not run and to start what runs', () => {
		expect(applyTimerOp(idle, { op: 'pause' }, at(0))).toBeNull();
		const running = applyTimerOp(idle, { op: 'start' }, at(0))!;
		expect(applyTimerOp(running, { op: 'start' }, at(1))).toBeNull();
		expect(applyTimerOp(running, { op: 'resume' }, at(1))).toBeNull();
	});

	it('counts time spent on a step including the stretch since it was entered', () => {
		expect(spentMs({ spentMs: 5_000, enteredAt: at(10) }, at(40))).toBe(35_000);
		expect(spentMs({ spentMs: 5_000, enteredAt: null }, at(40))).toBe(5_000);
	});
});
