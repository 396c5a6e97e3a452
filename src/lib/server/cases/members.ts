import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import { accessEnded } from '../../protocol/access';
import { caseRoles, type CaseRole } from '../../schemas/enums';
import { errorKeys } from '../../schemas/text';
import type { Ctx } from '../context';
import { caseMembers, guests, invites, organisations, personEmail, users } from '../db/schema';
import { CapabilityError, conflict, isUniqueViolation } from '../errors';
import {
	auditCase,
	auditRefusal,
	inTransaction,
	isUuid,
	lockCase,
	openCase,
	touchCase,
	type OpenedCase
} from './access';

export type CaseMember = {
	userId: string;
	name: string;
	email: string;
	organisationName: string | null;
	active: boolean;
	role: CaseRole;
	addedAt: Date;
};

export type MemberCandidate = { id: string; name: string; organisationName: string };

const lastOwner = () => conflict('member_error_last_owner', 'userId');
const notMember = () => new CapabilityError('invalid', 'member_error_not_member', 'userId');

/** Members of a case, owners first; for callers that have already opened the case. */
export function selectMembers(ctx: Ctx, caseId: string): Promise<CaseMember[]> {
	const roleOrder = sql`array_position(array['owner','facilitator','participant','observer'], ${caseMembers.role})`;
	return ctx.db
		.select({
			userId: users.id,
			name: users.name,
			email: personEmail,
			organisationName: organisations.name,
			active: users.active,
			role: caseMembers.role,
			addedAt: caseMembers.addedAt
		})
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(caseMembers.caseId, caseId))
		.orderBy(roleOrder, asc(users.name));
}

export async function listMembers(ctx: Ctx, caseId: string): Promise<CaseMember[]> {
	const opened = await openCase(ctx, caseId, 'readHistory', 'case.member.list');
	const members = await selectMembers(ctx, opened.record.id);
	await auditCase(ctx, opened, 'case.member.list');
	return members;
}

/**
 * Active professionals (accounts of an organisation) that are not yet members of the case, for
 * the "add a member" choice; an administrator without an organisation is not one. Ordered by name,
 * then organisation, so that two people of the same name are told apart by their organisation.
 */
export async function listMemberCandidates(ctx: Ctx, caseId: string): Promise<MemberCandidate[]> {
	const opened = await openCase(ctx, caseId, 'manageMembers', 'case.member.candidates');
	const candidates = await ctx.db
		.select({ id: users.id, name: users.name, organisationName: organisations.name })
		.from(users)
		.innerJoin(organisations, eq(organisations.id, users.organisationId))
		.where(
			and(
				eq(users.active, true),
				notExists(
					ctx.db
						.select({ one: sql`1` })
						.from(caseMembers)
						.where(and(eq(caseMembers.caseId, opened.record.id), eq(caseMembers.userId, users.id)))
				)
			)
		)
		.orderBy(asc(users.name), asc(organisations.name));
	await auditCase(ctx, opened, 'case.member.candidates');
	return candidates;
}

export type AddMemberInput = { userId?: string; email?: string; role: CaseRole };

/** Adds an active account to the case, chosen by id or by e-mail address. */
export async function addMember(ctx: Ctx, caseId: string, input: AddMemberInput): Promise<void> {
	const opened = await openCase(ctx, caseId, 'manageMembers', 'case.member.add');
	await changeMembers(ctx, opened, 'case.member.add', async (tx) => {
		if (!caseRoles.includes(input.role)) {
			throw new CapabilityError('invalid', errorKeys.choice, 'role');
		}
		const userId = await findActiveAccount(tx, input);
		const [existing] = await selectMembership(tx, opened.record.id, userId);
		if (existing) throw conflict('member_error_already_member', input.userId ? 'userId' : 'email');
		await tx.db
			.insert(caseMembers)
			.values({ caseId: opened.record.id, userId, role: input.role, addedAt: tx.clock() });
		return { userId, role: input.role };
	});
}

/** Changes a member's role; the last owner cannot be demoted. */
export async function changeMemberRole(
	ctx: Ctx,
	caseId: string,
	userId: string,
	role: CaseRole
): Promise<void> {
	const opened = await openCase(ctx, caseId, 'manageMembers', 'case.member.update');
	await changeMembers(ctx, opened, 'case.member.update', async (tx) => {
		if (!caseRoles.includes(role)) throw new CapabilityError('invalid', errorKeys.choice, 'role');
		const member = await requireMember(tx, opened.record.id, userId);
		if (member.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, opened);
		await tx.db
			.update(caseMembers)
			.set({ role })
			.where(and(eq(caseMembers.caseId, opened.record.id), eq(caseMembers.userId, member.userId)));
		if (member.role !== role) {
			tx.revoke({
				userId: member.userId,
				caseId: opened.record.id,
				reason: accessEnded.roleChanged
			});
		}
		return { userId: member.userId, from: member.role, to: role };
	});
}

/** Removes a member; the last owner cannot be removed. */
export async function removeMember(ctx: Ctx, caseId: string, userId: string): Promise<void> {
	const opened = await openCase(ctx, caseId, 'manageMembers', 'case.member.remove');
	await changeMembers(ctx, opened, 'case.member.remove', async (tx) => {
		const member = await requireMember(tx, opened.record.id, userId);
		if (member.role === 'owner') await assertAnotherOwner(tx, opened);
		await tx.db
			.delete(caseMembers)
			.where(and(eq(caseMembers.caseId, opened.record.id), eq(caseMembers.userId, member.userId)));
		tx.revoke({
			userId: member.userId,
			caseId: opened.record.id,
			reason: accessEnded.membershipEnded
		});
		return { userId: member.userId, role: member.role };
	});
}

/**
 * One membership change: serialised per case, touching the case's last change, audited with
 * what `change` returns; a refusal is audited as 'invalid' after the transaction rolls back.
 */
async function changeMembers(
	ctx: Ctx,
	opened: OpenedCase,
	action: string,
	change: (tx: Ctx) => Promise<Record<string, unknown>>
): Promise<void> {
	const caseId = opened.record.id;
	try {
		await inTransaction(ctx, async (tx) => {
			await lockCase(tx, caseId);
			const detail = await change(tx);
			await touchCase(tx, caseId);
			await auditCase(tx, opened, action, detail);
		});
	} catch (error) {
		const refused = isUniqueViolation(error) ? conflict('member_error_already_member') : error;
		throw await auditRefusal(ctx, { action, caseId, actorRole: opened.role }, refused);
	}
}

async function findActiveAccount(tx: Ctx, input: AddMemberInput): Promise<string> {
	const field = input.userId ? 'userId' : 'email';
	const unknown = () => new CapabilityError('invalid', 'member_error_unknown_account', field);
	let match;
	if (input.userId) {
		if (!isUuid(input.userId)) throw unknown();
		match = eq(users.id, input.userId.toLowerCase());
	} else if (input.email) {
		match = eq(users.email, input.email.trim().toLowerCase());
	} else {
		throw unknown();
	}
	const [account] = await tx.db
		.select({ id: users.id })
		.from(users)
		.where(and(match, eq(users.active, true)));
	if (!account) throw unknown();
	return account.id;
}

function selectMembership(tx: Ctx, caseId: string, userId: string) {
	if (!isUuid(userId)) return Promise.resolve([]);
	return tx.db
		.select({ userId: caseMembers.userId, role: caseMembers.role })
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId.toLowerCase())));
}

async function requireMember(tx: Ctx, caseId: string, userId: string) {
	const [member] = await selectMembership(tx, caseId, userId);
	if (!member) throw notMember();
	return member;
}

async function assertAnotherOwner(tx: Ctx, opened: OpenedCase): Promise<void> {
	const [row] = await tx.db
		.select({ owners: sql<number>`count(*)::int` })
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, opened.record.id), eq(caseMembers.role, 'owner')));
	if (row.owners <= 1) throw lastOwner();
}

/**
 * The current role of each (case, user) pair among `caseIds`, keyed `<caseId>/<userId>`: what
 * the live-connection check compares open connections with. No audit: nobody reads the case.
 */
export async function readLiveMemberships(
	ctx: Ctx,
	caseIds: string[]
): Promise<Map<string, CaseRole>> {
	if (caseIds.length === 0) return new Map();
	const [members, admittedGuests] = await Promise.all([
		ctx.db
			.select({ caseId: caseMembers.caseId, userId: caseMembers.userId, role: caseMembers.role })
			.from(caseMembers)
			.where(inArray(caseMembers.caseId, caseIds)),
		ctx.db
			.select({ caseId: guests.caseId, userId: guests.userId, role: invites.role })
			.from(guests)
			.innerJoin(invites, eq(invites.id, guests.inviteId))
			.where(and(inArray(guests.caseId, caseIds), eq(guests.status, 'admitted')))
	]);
	return new Map(
		[...members, ...admittedGuests].map((row) => [membershipKey(row.caseId, row.userId), row.role])
	);
}

export function membershipKey(caseId: string, userId: string): string {
	return `${caseId}/${userId}`;
}
