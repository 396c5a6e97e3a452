import type { CaseRole } from '../../schemas/enums';
import type { Actor } from '../context';

export const caseActions = [
	'read',
	'edit',
	'manageMembers',
	'close',
	'delete',
	'readAudit'
] as const;
export type CaseAction = (typeof caseActions)[number];

/** The actor's membership of one case, or null when they are not a member. */
export type Membership = { role: CaseRole } | null;

const rightsByRole: Record<CaseRole, ReadonlySet<CaseAction>> = {
	owner: new Set(caseActions),
	facilitator: new Set(['read', 'edit']),
	participant: new Set(['read', 'edit']),
	observer: new Set(['read'])
};

/**
 * The one place case rights are decided. Only membership counts: a deployment administrator
 * who is not a member of the case has no access to it (they read the audit trail elsewhere).
 */
export function can(actor: Actor | null, action: CaseAction, membership: Membership): boolean {
	if (!actor || !membership) return false;
	return rightsByRole[membership.role]?.has(action) ?? false;
}

export type CaseRights = Record<CaseAction, boolean>;

/** Every right at once, for a page that shows or hides controls. */
export function listRights(actor: Actor | null, membership: Membership): CaseRights {
	return Object.fromEntries(
		caseActions.map((action) => [action, can(actor, action, membership)])
	) as CaseRights;
}
