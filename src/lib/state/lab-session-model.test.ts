import { describe, expect, it } from 'vitest';
import type { ObservationView, SessionView, TimerView } from '$lib/protocol/lab';
import {
	applyEvent,
	betterClockOffset,
	clockOffsetMs,
	formatCountdown,
	modelFromJoin,
	remainingOn,
	rightsFor,
	type JoinedState
} from './lab-session-model';

const sessionId = '11111111-1111-4111-8111-111111111111';

function session(revision: number, extra: Partial<SessionView> = {}): SessionView {
	return {
		sessionId,
		caseId: '22222222-2222-4222-8222-222222222222',
		revision,
		status: 'running',
		title: 'Casusoverleg',
		goal: '',
		scheduledAt: '2026-03-02T09:00:00.000Z',
		startedAt: '2026-03-02T09:00:00.000Z',
		endedAt: null,
		facilitator: { userId: 'f', name: 'Marco' },
		scribe: null,
		currentStep: 0,
		steps: [],
		serverNow: '2026-03-02T09:00:00.000Z',
		...extra
	};
}

function joined(revision: number): JoinedState {
	return {
		session: session(revision),
		participants: [],
		hands: [],
		observations: [],
		proposals: [],
		categories: [],
		rights: {
			runSession: true,
			recordObservation: true,
			proposeObservation: true,
			raiseHand: true,
			inviteGuests: true
		},
		role: 'owner',
		recordId: null
	};
}

const observation = (id: string, text: string): ObservationView => ({
	id,
	kind: 'kans',
	text,
	category: { id: 'c', label: 'Maatwerkbudget' },
	planItemId: null,
	organisation: null,
	raisedBy: { userId: 'f', name: 'Marco' },
	recordedBy: { userId: 'f', name: 'Marco' },
	cell: null,
	fromProposalIds: [],
	createdAt: '2026-03-02T09:01:00.000Z'
});

describe('merging session events by revision', () => {
	it('ignores an event the joined snapshot already contains, and applies a newer one', () => {
		const model = modelFromJoin(joined(5));
		expect(applyEvent(model, 'lab:session', session(5, { currentStep: 3 }))).toBe(false);
		expect(model.session.currentStep).toBe(0);
		expect(applyEvent(model, 'lab:session', session(6, { currentStep: 1 }))).toBe(true);
		expect(model.session.currentStep).toBe(1);
	});

	it('does not let a late, older event undo a newer one of the same part', () => {
		const model = modelFromJoin(joined(1));
		applyEvent(model, 'lab:observation', {
			sessionId,
			revision: 4,
			observation: { ...observation('o1', 'placed'), cell: { row: 'mirror', column: 'past' } }
		});
		applyEvent(model, 'lab:observation', {
			sessionId,
			revision: 3,
			observation: observation('o1', 'first')
		});
		expect(model.observations).toHaveLength(1);
		expect(model.observations[0].cell).toEqual({ row: 'mirror', column: 'past' });
	});

	it('keeps parts apart: an older revision of one observation still adds another', () => {
		const model = modelFromJoin(joined(1));
		applyEvent(model, 'lab:observation', {
			sessionId,
			revision: 3,
			observation: observation('a', 'A')
		});
		applyEvent(model, 'lab:observation', {
			sessionId,
			revision: 2,
			observation: observation('b', 'B')
		});
		expect(model.observations.map((o) => o.id)).toEqual(['a', 'b']);
	});

	it('ignores events of another session, and records the journey record when it ends', () => {
		const model = modelFromJoin(joined(1));
		expect(
			applyEvent(model, 'lab:hands', {
				sessionId: 'other',
				revision: 9,
				queue: [{ id: 'h', userId: 'u', name: 'Lotte', raisedAt: '' }],
				taken: null
			})
		).toBe(false);
		expect(model.hands).toEqual([]);
		applyEvent(model, 'lab:ended', { sessionId, revision: 2, recordId: 'r1' });
		expect(model).toMatchObject({ recordId: 'r1', session: { status: 'ended' } });
	});
});

describe('the countdown', () => {
	const running: TimerView = {
		status: 'running',
		endsAt: '2026-03-02T09:10:00.000Z',
		remainingMs: 0
	};

	it('counts from endsAt on the server clock, the same on screens whose clocks differ', () => {
		const server = Date.parse('2026-03-02T09:05:00.000Z');
		// One screen's clock runs 40 s ahead, the other's 3 minutes behind.
		const ahead = server + 40_000;
		const behind = server - 180_000;
		const onAhead = remainingOn(running, ahead, clockOffsetMs('2026-03-02T09:05:00.000Z', ahead));
		const onBehind = remainingOn(
			running,
			behind,
			clockOffsetMs('2026-03-02T09:05:00.000Z', behind)
		);
		expect(onAhead).toBe(300_000);
		expect(onBehind).toBe(300_000);
	});

	it('keeps the least delayed clock sample: a late view does not make the countdown lag', () => {
		const server = '2026-03-02T09:05:00.000Z';
		const fresh = betterClockOffset(null, server, Date.parse(server) + 20);
		// The server-rendered page, read 3 s after the server made it.
		expect(betterClockOffset(fresh, server, Date.parse(server) + 3000)).toBe(-20);
		expect(betterClockOffset(-3000, server, Date.parse(server) + 20)).toBe(-20);
	});

	it('shows what was left while paused, whatever the clock', () => {
		const paused: TimerView = { status: 'paused', endsAt: null, remainingMs: 61_000 };
		expect(remainingOn(paused, Date.now(), 123_456)).toBe(61_000);
		expect(formatCountdown(61_000)).toBe('1:01');
	});

	it('formats seconds rounded up while counting, and time over as negative', () => {
		expect(formatCountdown(300_000)).toBe('5:00');
		expect(formatCountdown(59_001)).toBe('1:00');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-90_500)).toBe('-1:30');
	});
});

describe('rights after a handover', () => {
	it('gives the new facilitator the controls and takes them from the old one', () => {
		const handed = session(2, { facilitator: { userId: 'lotte', name: 'Lotte' } });
		expect(rightsFor('participant', handed, 'lotte').runSession).toBe(true);
		expect(rightsFor('facilitator', handed, 'marco').runSession).toBe(false);
		expect(rightsFor('owner', handed, 'sanne').runSession).toBe(true);
		expect(rightsFor('observer', handed, 'lotte')).toEqual({
			runSession: false,
			recordObservation: false,
			proposeObservation: false,
			raiseHand: false,
			inviteGuests: false
		});
	});

	it('lets the session facilitator and the case owners and facilitators admit guests, others not', () => {
		const handed = session(2, { facilitator: { userId: 'lotte', name: 'Lotte' } });
		expect(rightsFor('participant', handed, 'lotte').inviteGuests).toBe(true);
		expect(rightsFor('participant', handed, 'piet').inviteGuests).toBe(false);
		expect(rightsFor('facilitator', handed, 'marco').inviteGuests).toBe(true);
		expect(rightsFor('owner', handed, 'sanne').inviteGuests).toBe(true);
	});
});
