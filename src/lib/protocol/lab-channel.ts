import { z } from 'zod';
import type { CaseRole } from '../schemas/enums';
import { guestIdSchema } from '../schemas/invites';
import { defineCommand } from './channel';
import { labCommandSchemas, type LabCommandName } from './lab';

/**
 * The Change Lab commands on the session channel: each event name once, with the payload a
 * client sends (the command's fields from ./lab.ts and, but for `lab:plan`, the `sessionId`
 * beside them), the case roles that may send it (the server decides the rest: whether you are
 * this session's facilitator or scribe), and its acknowledgement:
 *
 *   { ok: true, result, replayed } | { ok: false, error: { code, message } }
 *
 * `replayed` is true when the idempotency key was seen before: nothing was done again and
 * `result` is the first answer.
 */

const writers: readonly CaseRole[] = ['owner', 'facilitator', 'participant'];
const planners: readonly CaseRole[] = ['owner', 'facilitator'];
const everyone: readonly CaseRole[] = ['owner', 'facilitator', 'participant', 'observer'];

const sessionId = z.uuid();

/** A command on one session: its fields and the session it is for. */
const onSession = <N extends Exclude<LabCommandName, 'lab:plan'>>(
	name: N,
	roles: readonly CaseRole[]
) => defineCommand(name, labCommandSchemas[name].extend({ sessionId }), roles);

export const labChannelCommands = {
	/** Planning a session on the connection's case. */
	'lab:plan': defineCommand('lab:plan', labCommandSchemas['lab:plan'], planners),
	'lab:update': onSession('lab:update', planners),
	'lab:start': onSession('lab:start', writers),
	'lab:step:go': onSession('lab:step:go', writers),
	'lab:step:next': onSession('lab:step:next', writers),
	'lab:timer': onSession('lab:timer', writers),
	'lab:hand:raise': onSession('lab:hand:raise', writers),
	'lab:hand:lower': onSession('lab:hand:lower', writers),
	'lab:hand:next': onSession('lab:hand:next', writers),
	'lab:handover': onSession('lab:handover', writers),
	'lab:observation:record': onSession('lab:observation:record', writers),
	'lab:observation:propose': onSession('lab:observation:propose', writers),
	'lab:observation:place': onSession('lab:observation:place', writers),
	'lab:proposal:resolve': onSession('lab:proposal:resolve', writers),
	'lab:end': onSession('lab:end', writers)
} as const;

/**
 * The join step: follow one session of the connection's case. Answered with everything to show
 * it (`{ ok: true, state }`); from then on the session's events arrive, and the server marks you
 * present (away when the connection drops). Observers may join; they send nothing else.
 */
export const labJoin = defineCommand('lab:join', z.object({ sessionId }).strict(), everyone);
/** Stop following a session (leaving the room marks you as gone). `{ ok: true }`. */
export const labLeave = defineCommand('lab:leave', z.object({ sessionId }).strict(), everyone);

/**
 * The lobby of a session's case, for whoever may let guests in (the session's facilitator, the
 * case's owners and facilitators): sent on `lab:join` and whenever who waits changes. A session
 * facilitator who is not an owner or facilitator of the case sees only the guests of the
 * session's own links (those are the ones they may admit).
 */
export const labLobbyEvent = 'lab:lobby';
export type LobbyGuest = {
	id: string;
	name: string;
	organisation: string;
	inviteLabel: string;
	/** The session their link was for; null for a link to the whole case. */
	sessionId: string | null;
	/** ISO time they joined the lobby. */
	joinedAt: string;
};
export type LabLobby = { caseId: string; guests: LobbyGuest[] };

/**
 * Deciding about guests: let one in from the lobby, turn one away, or take an admitted one out
 * (their connections close with `accessEnded.guestRemoved`). `{ guestId }`; answered
 * `{ ok: true, result: { guestId }, replayed: false }`. Not idempotent: sending it again answers
 * `conflict`, as the guest is no longer waiting (or no longer in).
 */
export const labGuestCommands = {
	'lab:guest:admit': defineCommand('lab:guest:admit', guestIdSchema, writers),
	'lab:guest:turnAway': defineCommand('lab:guest:turnAway', guestIdSchema, writers),
	'lab:guest:remove': defineCommand('lab:guest:remove', guestIdSchema, writers)
} as const;
export type LabGuestCommandName = keyof typeof labGuestCommands;
