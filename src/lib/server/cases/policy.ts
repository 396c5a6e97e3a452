import type { CaseRole } from '../../schemas/enums';
import type { Actor } from '../context';

export const caseActions = [
	'read',
	'edit',
	'manageMembers',
	'close',
	'delete',
	'readAudit',
	/** Plan a Change Lab session on the case, edit its agenda while planned, correct its records. */
	'planSession',
	/** Start, steer (steps, timer, hands, proposals) and end one session. */
	'runSession',
	/** Record an observation directly and place observations on the board. */
	'recordObservation',
	'proposeObservation',
	'raiseHand',
	/** Be named a session's facilitator or scribe. */
	'leadSession'
] as const;
export type CaseAction = (typeof caseActions)[number];

/**
 * A role someone holds in one Change Lab session, on top of their case role. It only counts for
 * members whose case role may edit: a facilitator later made observer steers nothing.
 */
export const sessionRoles = ['sessionFacilitator', 'scribe'] as const;
export type SessionRole = (typeof sessionRoles)[number];

/** The actor's membership of one case, or null when they are not a member. */
export type Membership = { role: CaseRole; sessionRoles?: readonly SessionRole[] } | null;

const participantRights: CaseAction[] = [
	'read',
	'edit',
	'proposeObservation',
	'raiseHand',
	'leadSession'
];

const rightsByRole: Record<CaseRole | SessionRole, ReadonlySet<CaseAction>> = {
	owner: new Set(caseActions),
	facilitator: new Set([...participantRights, 'planSession']),
	participant: new Set(participantRights),
	observer: new Set(['read']),
	sessionFacilitator: new Set(['runSession', 'recordObservation']),
	scribe: new Set(['recordObservation'])
};

/** What one role allows by itself, e.g. whether a member may be handed the facilitator role. */
export function roleCan(role: CaseRole, action: CaseAction): boolean {
	return rightsByRole[role]?.has(action) ?? false;
}

/**
 * The one place case rights are decided. Only membership counts: a deployment administrator
 * who is not a member of the case has no access to it (they read the audit trail elsewhere).
 */
export function can(actor: Actor | null, action: CaseAction, membership: Membership): boolean {
	if (!actor || !membership) return false;
	if (roleCan(membership.role, action)) return true;
	if (!roleCan(membership.role, 'edit')) return false;
	return (membership.sessionRoles ?? []).some((role) => rightsByRole[role]?.has(action));
}

export type CaseRights = Record<CaseAction, boolean>;

/** Every right at once, for a page that shows or hides controls. */
export function listRights(actor: Actor | null, membership: Membership): CaseRights {
	return Object.fromEntries(
		caseActions.map((action) => [action, can(actor, action, membership)])
	) as CaseRights;
}
