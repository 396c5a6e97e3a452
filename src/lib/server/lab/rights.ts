import type { LabCommandName } from '../../protocol/lab';
import type { CaseAction } from '../cases';

/**
 * The right each command needs, by the case policy (`cases/policy.ts` decides who holds it):
 * planSession — owners and facilitators of the case; runSession — the session's facilitator
 * and owners; recordObservation — those and the session's scribe; proposeObservation and
 * raiseHand — participants and up; read — every member, observers too (presence only).
 */
export const commandRights: Record<LabCommandName, CaseAction> = {
	'lab:plan': 'planSession',
	'lab:update': 'planSession',
	'lab:start': 'runSession',
	'lab:step:go': 'runSession',
	'lab:step:next': 'runSession',
	'lab:timer': 'runSession',
	'lab:presence:set': 'read',
	'lab:hand:raise': 'raiseHand',
	'lab:hand:lower': 'raiseHand',
	'lab:hand:next': 'runSession',
	'lab:handover': 'runSession',
	'lab:observation:record': 'recordObservation',
	'lab:observation:propose': 'proposeObservation',
	'lab:observation:place': 'recordObservation',
	'lab:proposal:resolve': 'runSession',
	'lab:end': 'runSession'
};
