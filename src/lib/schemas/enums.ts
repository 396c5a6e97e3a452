/** The fixed vocabularies of the domain, shared by the database schema, forms and the UI. */

export const organisationKinds = [
	'gemeente',
	'jeugdzorg',
	'schuldhulp',
	'woningcorporatie',
	'onderwijs',
	'ggz',
	'uwv',
	'zorgverzekeraar',
	'other'
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const deploymentRoles = ['admin', 'member'] as const;
export type DeploymentRole = (typeof deploymentRoles)[number];

/** A professional with an account, or a guest who joined through an invite link. */
export const userKinds = ['person', 'guest'] as const;
export type UserKind = (typeof userKinds)[number];

/** The case roles an invite link can give. */
export const guestRoles = ['participant', 'observer'] as const;
export type GuestRole = (typeof guestRoles)[number];

/**
 * Where a guest stands: waiting in the lobby, admitted, turned away at the lobby, removed (or
 * their link revoked), or ended with the session their link was for.
 */
export const guestStatuses = ['waiting', 'admitted', 'turned_away', 'removed', 'ended'] as const;
export type GuestStatus = (typeof guestStatuses)[number];

export const caseStatuses = ['open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseRoles = ['owner', 'facilitator', 'participant', 'observer'] as const;
export type CaseRole = (typeof caseRoles)[number];
