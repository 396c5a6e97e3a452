import type { CaseRole } from '$lib/schemas/enums';
import type {
	HandView,
	LabEventPayloads,
	ObservationView,
	ParticipantView,
	ProposalView,
	SessionView,
	TimerView
} from '$lib/protocol/lab';

/**
 * The pure half of the session client: what a screen shows of one session, how events merge into
 * it by revision, and the countdown. No sockets, no runes: unit-tested on their own.
 */

export type Category = { id: string; kind: 'kans' | 'belemmering'; label: string; active: boolean };

/** The rights a screen shows controls by (a subset of the case policy's). */
export type SessionRights = {
	runSession: boolean;
	recordObservation: boolean;
	proposeObservation: boolean;
	raiseHand: boolean;
	/** Make invite links, let guests in and take them out (as cases/policy.ts decides). */
	inviteGuests: boolean;
};

/** What `lab:join` answers: everything to show a session at once. */
export type JoinedState = {
	session: SessionView;
	participants: ParticipantView[];
	hands: HandView[];
	observations: ObservationView[];
	proposals: ProposalView[];
	categories: Category[];
	rights: SessionRights & Record<string, boolean>;
	role: CaseRole;
	recordId: string | null;
};

export type SessionModel = JoinedState & {
	/** The hand the facilitator last gave the word to. */
	taken: HandView | null;
	/** The revision each part was last replaced at: `session`, `presence`, `hands`, `o:<id>`, `p:<id>`. */
	revisions: Record<string, number>;
	/** Every part not listed in `revisions` is at least this new (the join's snapshot). */
	baseline: number;
};

export function modelFromJoin(state: JoinedState): SessionModel {
	return { ...state, taken: null, revisions: {}, baseline: state.session.revision };
}

/** Applies `revision` to the part `key` when it is newer than what the model has; else false. */
function claim(model: SessionModel, key: string, revision: number): boolean {
	if (revision <= (model.revisions[key] ?? model.baseline)) return false;
	model.revisions[key] = revision;
	return true;
}

const upsert = <T extends { id: string }>(list: T[], item: T): T[] => {
	const at = list.findIndex((entry) => entry.id === item.id);
	if (at === -1) return [...list, item];
	return list.map((entry, index) => (index === at ? item : entry));
};

type EventName = keyof LabEventPayloads;

/**
 * Merges one server event into the model, in place; returns whether anything changed. An event
 * older than what the model already shows (a late one after a rejoin's snapshot) is ignored.
 */
export function applyEvent<N extends EventName>(
	model: SessionModel,
	name: N,
	payload: LabEventPayloads[N]
): boolean {
	if (payload.sessionId !== model.session.sessionId) return false;
	switch (name) {
		case 'lab:session': {
			const session = payload as SessionView;
			if (!claim(model, 'session', session.revision)) return false;
			model.session = session;
			return true;
		}
		case 'lab:presence': {
			const { revision, participants } = payload as LabEventPayloads['lab:presence'];
			if (!claim(model, 'presence', revision)) return false;
			model.participants = participants;
			return true;
		}
		case 'lab:hands': {
			const { revision, queue, taken } = payload as LabEventPayloads['lab:hands'];
			if (!claim(model, 'hands', revision)) return false;
			model.hands = queue;
			if (taken) model.taken = taken;
			return true;
		}
		case 'lab:observation': {
			const { revision, observation } = payload as LabEventPayloads['lab:observation'];
			if (!claim(model, `o:${observation.id}`, revision)) return false;
			model.observations = upsert(model.observations, observation);
			return true;
		}
		case 'lab:proposal': {
			const { revision, proposal } = payload as LabEventPayloads['lab:proposal'];
			if (!claim(model, `p:${proposal.id}`, revision)) return false;
			model.proposals = upsert(model.proposals, proposal);
			return true;
		}
		case 'lab:ended': {
			const { recordId } = payload as LabEventPayloads['lab:ended'];
			model.recordId = recordId;
			if (model.session.status !== 'ended') model.session = { ...model.session, status: 'ended' };
			return true;
		}
	}
	return false;
}

/**
 * The rights after the facilitator or scribe changed: the case role decides most, being this
 * session's facilitator or scribe adds steering and recording (as cases/policy.ts does).
 */
export function rightsFor(role: CaseRole, session: SessionView, userId: string): SessionRights {
	const writes = role !== 'observer';
	const leads = writes && (role === 'owner' || session.facilitator?.userId === userId);
	return {
		runSession: leads,
		recordObservation: leads || (writes && session.scribe?.userId === userId),
		proposeObservation: writes,
		raiseHand: writes,
		inviteGuests: role === 'owner' || role === 'facilitator' || leads
	};
}

/** Server clock minus local clock, measured when a view with `serverNow` arrived. */
export function clockOffsetMs(serverNow: string, receivedAt: number): number {
	return Date.parse(serverNow) - receivedAt;
}

/**
 * The best estimate of the offset so far: every sample is late by the time the view took to
 * arrive (a server-rendered page by seconds), so the largest sample is the least delayed one.
 */
export function betterClockOffset(previous: number | null, serverNow: string, receivedAt: number) {
	const sample = clockOffsetMs(serverNow, receivedAt);
	return previous === null ? sample : Math.max(previous, sample);
}

/**
 * Milliseconds left on a step's timer at local time `localNow`: while running counted from
 * `endsAt` on the server's clock (so every screen shows the same), else what was left.
 * Negative once the time is up.
 */
export function remainingOn(timer: TimerView, localNow: number, offsetMs: number): number {
	if (timer.status === 'running' && timer.endsAt) {
		return Date.parse(timer.endsAt) - (localNow + offsetMs);
	}
	return timer.remainingMs;
}

/** "12:05", "0:09", "-1:30" (over time); whole seconds, rounded up while counting down. */
export function formatCountdown(ms: number): string {
	const over = ms < 0;
	const seconds = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
	const minutes = Math.floor(seconds / 60);
	const rest = String(seconds % 60).padStart(2, '0');
	return `${over && seconds > 0 ? '-' : ''}${minutes}:${rest}`;
}
