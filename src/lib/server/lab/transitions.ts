import type { LabCommandName, SessionStatus } from '../../protocol/lab';

/**
 * The session state machine: planned → running → ended. Which commands each status accepts;
 * the rest are refused with a conflict. Presence is accepted before the start (people arrive).
 */
const acceptedIn: Record<SessionStatus, ReadonlySet<LabCommandName>> = {
	planned: new Set(['lab:update', 'lab:start', 'lab:handover', 'lab:presence:set']),
	running: new Set([
		'lab:step:go',
		'lab:step:next',
		'lab:timer',
		'lab:presence:set',
		'lab:hand:raise',
		'lab:hand:lower',
		'lab:hand:next',
		'lab:handover',
		'lab:observation:record',
		'lab:observation:propose',
		'lab:observation:place',
		'lab:proposal:resolve',
		'lab:end'
	]),
	ended: new Set()
};

export function accepts(status: SessionStatus, command: LabCommandName): boolean {
	return acceptedIn[status].has(command);
}

/** The status a command leaves the session in. */
export function nextStatus(status: SessionStatus, command: LabCommandName): SessionStatus {
	if (command === 'lab:start' && status === 'planned') return 'running';
	if (command === 'lab:end' && status === 'running') return 'ended';
	return status;
}

/** The step after `current`, or null at the last one. */
export function stepAfter(current: number | null, stepCount: number): number | null {
	const next = (current ?? -1) + 1;
	return next < stepCount ? next : null;
}
