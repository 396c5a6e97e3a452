import { z } from 'zod';
import { caseRoles, caseStatuses } from './enums';
import { errorKeys, pseudonymisedText } from './text';

/** Maximum lengths of a case's text fields, shared by the form schema and the capability. */
export const caseLimits = {
	code: 40,
	title: 120,
	municipality: 80,
	composition: 2000
} as const;

export const caseSchema = z.object({
	code: pseudonymisedText(caseLimits.code),
	title: pseudonymisedText(caseLimits.title),
	municipality: pseudonymisedText(caseLimits.municipality),
	composition: pseudonymisedText(caseLimits.composition, false).default('')
});
export type CaseInput = z.infer<typeof caseSchema>;

/** The filters of "Mijn casussen"; anything malformed in the query string is ignored. */
export const caseFilterSchema = z.object({
	q: z.string().trim().max(100).optional().catch(undefined),
	status: z.enum(caseStatuses).optional().catch(undefined),
	role: z.enum(caseRoles).optional().catch(undefined)
});
export type CaseFilter = z.infer<typeof caseFilterSchema>;

export const caseRoleField = z.enum(caseRoles, { error: errorKeys.choice });
const memberId = z.uuid({ error: errorKeys.choice });

export const addMemberSchema = z.object({ userId: memberId, role: caseRoleField });
export const memberRoleSchema = z.object({ userId: memberId, role: caseRoleField });
export const removeMemberSchema = z.object({ userId: memberId });

export const deleteCaseSchema = z.object({
	confirmCode: z
		.string({ error: errorKeys.required })
		.trim()
		.min(1, { error: errorKeys.required })
		.max(caseLimits.code, { error: errorKeys.tooLong })
});
