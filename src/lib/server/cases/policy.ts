import type { CaseRole, GuestRole } from '../../schemas/enums';
import type { Actor } from '../context';

export const caseActions = [
	/** The case itself: its live document and the session one takes part in. */
	'read',
	/** What came before: versions, the planreis and journey records, the list of sessions, members. */
	'readHistory',
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
	'leadSession',
	/** Make invite links for people without an account; admit, turn away and remove guests. */
	'inviteGuests'
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
	'readHistory',
	'edit',
	'proposeObservation',
	'raiseHand',
	'leadSession'
];

const rightsByRole: Record<CaseRole | SessionRole, ReadonlySet<CaseAction>> = {
	owner: new Set(caseActions),
	facilitator: new Set([...participantRights, 'planSession', 'inviteGuests']),
	participant: new Set(participantRights),
	observer: new Set(['read', 'readHistory']),
	sessionFacilitator: new Set(['runSession', 'recordObservation', 'inviteGuests']),
	scribe: new Set(['recordObservation'])
};

/**
 * What a guest may do, by the role their invite gave: take part in the case as it is now, never
 * read its history or members, lead, steer, record directly or manage anything.
 */
const guestRights: Record<GuestRole, ReadonlySet<CaseAction>> = {
	participant: new Set(['read', 'edit', 'proposeObservation', 'raiseHand']),
	observer: new Set(['read'])
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
	if (actor.kind === 'guest')
		return guestRights[membership.role as GuestRole]?.has(action) ?? false;
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

/**
 * Whether the actor may be in this Change Lab session at all (their case rights decide what they
 * do there): a guest whose invite was for one session reaches only that one.
 */
export function canEnterSession(actor: Actor | null, sessionId: string): boolean {
	if (!actor) return false;
	if (actor.kind === 'user') return true;
	return actor.guest.sessionId === null || actor.guest.sessionId === sessionId;
}
