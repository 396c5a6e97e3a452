import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { CommandDefinition } from '../../../protocol/channel';
import {
	labChannelCommands,
	labGuestCommands,
	labJoin,
	labLeave,
	labLobbyEvent,
	type LabGuestCommandName
} from '../../../protocol/lab-channel';
import type { Ctx } from '../../context';
import { notFound } from '../../errors';
import * as invites from '../../invites';
import * as lab from '../../lab';
import { personalRoom, sessionOfRoom, sessionRoom } from './broadcast';
import { command, type Caller, type CommandHandler, type CommandOutcome } from './commands';
import { lobbyFor, lobbyRoom, mayAdmit, readSession, readWaiting } from './lobby';

type SessionCommand = (
	ctx: Ctx,
	sessionId: string,
	input: unknown
) => Promise<lab.CommandOutcome<unknown>>;

/** The sessions each connection joined: commands are taken only for those (its own case's). */
const joinedBy = new WeakMap<Caller['socket'], Set<string>>();

function joined(caller: Caller): Set<string> {
	let sessions = joinedBy.get(caller.socket);
	if (!sessions) joinedBy.set(caller.socket, (sessions = new Set()));
	return sessions;
}

/** The running sessions each connection already marked its person present in. */
const presentBy = new WeakMap<Caller['socket'], Set<string>>();

function markedPresent(caller: Caller): Set<string> {
	let sessions = presentBy.get(caller.socket);
	if (!sessions) presentBy.set(caller.socket, (sessions = new Set()));
	return sessions;
}

const answer = ({ result, events, replayed }: lab.CommandOutcome<unknown>): CommandOutcome => ({
	answer: { result, replayed },
	events
});

function onJoinedSession(
	name: Exclude<keyof typeof labChannelCommands, 'lab:plan'>,
	run: SessionCommand
): CommandHandler {
	const definition = labChannelCommands[name] as CommandDefinition<
		z.ZodType<{ sessionId: string }>
	>;
	return command(definition, async (ctx, input, caller) => {
		const { sessionId, ...fields } = input;
		if (!joined(caller).has(sessionId)) throw notFound();
		return answer(await run(ctx, sessionId, fields));
	});
}

/** Marks the caller present, away or gone; a session that ended no longer counts anyone. */
export async function markPresence(
	ctx: Ctx,
	sessionId: string,
	status: 'present' | 'away' | 'left'
): Promise<CommandOutcome['events']> {
	const outcome = await lab.setPresence(ctx, sessionId, { idempotencyKey: randomUUID(), status });
	return outcome.events;
}

/**
 * Whoever may let guests into the session follows its lobby: in its lobby room, and sent the
 * lobby as it is now; anyone else (also a facilitator who handed over) is out of that room.
 */
async function followLobby(ctx: Ctx, caller: Caller, sessionId: string): Promise<void> {
	const session = await readSession(ctx, sessionId);
	const room = lobbyRoom(caller.caseId, sessionId);
	if (!session || !mayAdmit(caller, session)) return void caller.socket.leave(room);
	await caller.socket.join(room);
	caller.socket.emit(labLobbyEvent, lobbyFor(caller, session, await readWaiting(ctx, session)));
}

/** A decision about a guest; the lobby's change reaches facilitators through `app.lobby`. */
function guestCommand(
	name: LabGuestCommandName,
	run: (ctx: Ctx, guestId: string) => Promise<void>
): CommandHandler {
	return command(labGuestCommands[name], async (ctx, { guestId }) => {
		await run(ctx, guestId);
		return { answer: { result: { guestId: guestId.toLowerCase() }, replayed: false }, events: [] };
	});
}

/** Every command of the session channel, with the capability call behind it. */
export const labHandlers: CommandHandler[] = [
	command(labJoin, async (ctx, { sessionId }, caller) => {
		const state = await lab.getSessionState(ctx, sessionId, { caseId: caller.caseId });
		joined(caller).add(sessionId);
		await caller.socket.join([sessionRoom(sessionId), personalRoom(sessionId, caller.userId)]);
		// Joining again (to reload the state) changes nobody's presence: no write, no broadcast.
		const arrives = state.session.status === 'running' && !markedPresent(caller).has(sessionId);
		const events = arrives ? await markPresence(ctx, sessionId, 'present') : [];
		if (arrives) markedPresent(caller).add(sessionId);
		await followLobby(ctx, caller, sessionId);
		return { answer: { state }, events };
	}),
	command(labLeave, async (ctx, { sessionId }, caller) => {
		markedPresent(caller).delete(sessionId);
		if (!joined(caller).delete(sessionId)) return { answer: {}, events: [] };
		caller.socket.leave(sessionRoom(sessionId));
		caller.socket.leave(personalRoom(sessionId, caller.userId));
		caller.socket.leave(lobbyRoom(caller.caseId, sessionId));
		const state = await lab.getSessionState(ctx, sessionId);
		const events =
			state.session.status === 'running' ? await markPresence(ctx, sessionId, 'left') : [];
		return { answer: {}, events };
	}),
	command(labChannelCommands['lab:plan'], async (ctx, input, caller) =>
		answer(await lab.planSession(ctx, caller.caseId, input))
	),
	onJoinedSession('lab:update', lab.updateSession),
	onJoinedSession('lab:start', lab.startSession),
	onJoinedSession('lab:step:go', lab.goToStep),
	onJoinedSession('lab:step:next', lab.nextStep),
	onJoinedSession('lab:timer', lab.operateTimer),
	onJoinedSession('lab:hand:raise', lab.raiseHand),
	onJoinedSession('lab:hand:lower', lab.lowerHand),
	onJoinedSession('lab:hand:next', lab.takeNextHand),
	onJoinedSession('lab:handover', lab.handOver),
	onJoinedSession('lab:observation:record', lab.recordObservation),
	onJoinedSession('lab:observation:propose', lab.proposeObservation),
	onJoinedSession('lab:observation:place', lab.placeObservation),
	onJoinedSession('lab:proposal:resolve', lab.resolveProposal),
	onJoinedSession('lab:end', lab.endSession),
	guestCommand('lab:guest:admit', (ctx, guestId) => invites.decideGuest(ctx, guestId, 'admit')),
	guestCommand('lab:guest:turnAway', (ctx, guestId) =>
		invites.decideGuest(ctx, guestId, 'turnAway')
	),
	guestCommand('lab:guest:remove', invites.removeGuest)
];

/** The sessions a connection had joined, for marking its people away when it drops. */
export function joinedSessions(socket: Caller['socket']): string[] {
	return [...(joinedBy.get(socket) ?? [])];
}

/** A recovered connection takes commands again for the sessions whose rooms it is back in. */
export function rememberJoined(caller: Caller, rooms: string[]): void {
	for (const room of rooms) {
		const sessionId = sessionOfRoom(room);
		if (sessionId) joined(caller).add(sessionId);
	}
}
