import type { LabCommandName } from '../../protocol/lab';
import type { Ctx } from '../context';
import type { CommandOutcome } from './command';
import { lowerHand, raiseHand, takeNextHand } from './hands';
import { placeObservation, proposeObservation, recordObservation } from './observations';
import { updateSession } from './plan';
import { setPresence } from './presence';
import { resolveProposal } from './proposals';
import { endSession, goToStep, handOver, nextStep, operateTimer, startSession } from './run';

export type SessionCommandHandler = (
	ctx: Ctx,
	sessionId: string,
	input: unknown
) => Promise<CommandOutcome<unknown>>;

/**
 * Every command on a session by its protocol name, for an adapter to register in one loop.
 * 'lab:plan' is the one command on a case (`planSession(ctx, caseId, input)`).
 */
export const sessionCommandHandlers: Record<
	Exclude<LabCommandName, 'lab:plan'>,
	SessionCommandHandler
> = {
	'lab:update': updateSession,
	'lab:start': startSession,
	'lab:step:go': goToStep,
	'lab:step:next': nextStep,
	'lab:timer': operateTimer,
	'lab:presence:set': setPresence,
	'lab:hand:raise': raiseHand,
	'lab:hand:lower': lowerHand,
	'lab:hand:next': takeNextHand,
	'lab:handover': handOver,
	'lab:observation:record': recordObservation,
	'lab:observation:propose': proposeObservation,
	'lab:observation:place': placeObservation,
	'lab:proposal:resolve': resolveProposal,
	'lab:end': endSession
};
