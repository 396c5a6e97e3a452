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

export const caseStatuses = ['open', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const caseRoles = ['owner', 'facilitator', 'participant', 'observer'] as const;
export type CaseRole = (typeof caseRoles)[number];
