import { and, eq } from 'drizzle-orm';
import { errorKeys } from '../../schemas/text';
import { roleCan } from '../cases';
import type { Ctx } from '../context';
import { caseMembers, users } from '../db/schema';
import { CapabilityError } from '../errors';

/**
 * A member of the case who may be named facilitator or scribe (a member with edit rights), with
 * their name; otherwise an invalid-input error on `field`.
 */
export async function requireLeader(tx: Ctx, caseId: string, userId: string, field: string) {
	const member = await findMember(tx, caseId, userId);
	if (!member || !roleCan(member.role, 'leadSession')) {
		throw new CapabilityError('invalid', 'lab_error_not_leader', field);
	}
	return member;
}

export async function findMember(tx: Ctx, caseId: string, userId: string) {
	const [member] = await tx.db
		.select({ userId: users.id, name: users.name, role: caseMembers.role })
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
	return member ?? null;
}

export const invalidChoice = (field: string) =>
	new CapabilityError('invalid', errorKeys.choice, field);
