/**
 * Change Lab sessions: plan, run and end a session on a case. Every command is a function
 * `(ctx, sessionId | caseId, input)` that checks the actor's rights by the case policy, parses
 * `input` with its schema from `$lib/protocol/lab`, commits in one transaction (with its
 * idempotency key and its audit event) and returns `{ result, events, replayed }`: the events
 * are for the caller to broadcast. Nothing here knows sockets.
 */
export { openSession, sessionRolesOf, type OpenedSession, type SessionRow } from './open-session';
export { runSessionCommand, type Audience, type CommandOutcome, type LabEvent } from './command';
export {
	planSession,
	updateSession,
	saveAgendaTemplate,
	listAgendaTemplates,
	deleteAgendaTemplate,
	type AgendaTemplate
} from './plan';
export { startSession, goToStep, nextStep, operateTimer, handOver, endSession } from './run';
export { setPresence, markGoneWithoutAccess } from './presence';
export { raiseHand, lowerHand, takeNextHand } from './hands';
export { recordObservation, proposeObservation, placeObservation } from './observations';
export { resolveProposal } from './proposals';
export { getSessionState, listSessions, type SessionState, type SessionSummary } from './state';
export {
	listCategories,
	createCategory,
	renameCategory,
	setCategoryActive,
	type Category
} from './categories';
export { defaultAgenda } from './agenda';
export { remainingMs, viewTimer } from './timer';
export { sessionCommandHandlers, type SessionCommandHandler } from './handlers';
export { commandRights } from './rights';
