import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit';
import { guestPresenceColour, presenceColour } from '../../protocol/presence';
import type { CaseRole } from '../../schemas/enums';
import type { Actor, Ctx, Revocation } from '../context';
import type { Db } from '../db';
import { caseMembers, cases, guests, invites } from '../db/schema';
import { CapabilityError, forbidden, notFound } from '../errors';
import { can, listRights, type CaseAction, type CaseRights } from './policy';

export type CaseRecord = typeof cases.$inferSelect;

/** A case the actor may act on, with the role they act in. */
export type OpenedCase = {
	record: CaseRecord;
	role: CaseRole;
	rights: CaseRights;
	/** The actor's presence colour in this case (one per membership, see `$lib/protocol/presence`). */
	presenceColour: string;
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and forms: a malformed one must give not-found, not a database error. */
export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && uuidPattern.test(value);
}

export function requireActor(ctx: Ctx): Actor {
	if (!ctx.actor) throw forbidden();
	return ctx.actor;
}

/**
 * Loads a case for the actor and checks one right, auditing every refusal under `auditAction`.
 * An unknown case, a malformed id and a case the actor is not a member of all give the same
 * not_found, so that a case's existence does not leak; a member whose role lacks the right is
 * forbidden. Callers audit their own success.
 */
export async function openCase(
	ctx: Ctx,
	caseId: string,
	action: CaseAction,
	auditAction: string
): Promise<OpenedCase> {
	if (!isUuid(caseId)) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'not_found',
			detail: { reason: 'malformed_id' }
		});
		throw notFound();
	}
	const id = caseId.toLowerCase();
	const [row] = await readCaseWithMembership(ctx.db, ctx.actor, id);

	if (!row) {
		await recordAudit(ctx, { action: auditAction, outcome: 'not_found', caseId: id });
		throw notFound();
	}
	const membership = row.role ? { role: row.role } : null;
	if (!membership) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'denied',
			caseId: id,
			detail: { reason: 'not_member' }
		});
		throw notFound();
	}
	if (!can(ctx.actor, action, membership)) {
		await recordAudit(ctx, {
			action: auditAction,
			outcome: 'denied',
			caseId: id,
			actorRole: membership.role,
			detail: { reason: 'role', right: action }
		});
		throw forbidden();
	}
	return {
		record: row.record,
		role: membership.role,
		rights: listRights(ctx.actor, membership),
		presenceColour:
			ctx.actor?.kind === 'guest' ? guestPresenceColour(ctx.actor.id) : presenceColour(row.colour)
	};
}

/**
 * The case and the actor's membership of it: a person's case_members row, or for a guest the
 * invite they were admitted through (guests are never case_members).
 */
function readCaseWithMembership(db: Db, actor: Actor | null, caseId: string) {
	if (actor?.kind === 'guest') {
		const admittedGuest = and(
			eq(guests.userId, actor.id),
			eq(guests.caseId, cases.id),
			eq(guests.status, 'admitted')
		);
		return db
			.select({ record: cases, role: invites.role, colour: sql<number | null>`null` })
			.from(cases)
			.leftJoin(guests, admittedGuest)
			.leftJoin(invites, eq(invites.id, guests.inviteId))
			.where(eq(cases.id, caseId));
	}
	const memberOfCase = actor
		? and(eq(caseMembers.caseId, cases.id), eq(caseMembers.userId, actor.id))
		: sql`false`;
	return db
		.select({ record: cases, role: caseMembers.role, colour: caseMembers.presenceColour })
		.from(cases)
		.leftJoin(caseMembers, memberOfCase)
		.where(eq(cases.id, caseId));
}

/** Records a successful read or write of an opened case. */
export function auditCase(
	ctx: Ctx,
	opened: Pick<OpenedCase, 'role'> & { record: { id: string } },
	action: string,
	detail?: Record<string, unknown>
): Promise<void> {
	return recordAudit(ctx, {
		action,
		outcome: 'success',
		caseId: opened.record.id,
		actorRole: opened.role,
		detail
	});
}

/**
 * Audits a refused conflict or invalid input as outcome 'invalid' and hands the error back to
 * throw. Anything else is handed back untouched. Call it outside a transaction: an audit
 * written inside one would be rolled back with it.
 */
export async function auditRefusal(
	ctx: Ctx,
	entry: { action: string; caseId?: string; actorRole?: CaseRole },
	error: unknown
): Promise<unknown> {
	if (error instanceof CapabilityError && (error.code === 'conflict' || error.code === 'invalid')) {
		await recordAudit(ctx, {
			...entry,
			outcome: 'invalid',
			detail: { reason: error.message, field: error.field }
		});
	}
	return error;
}

/**
 * Runs `work` in one transaction with a ctx whose db is that transaction. Revocations (and lobby
 * changes) asked for inside take effect once it commits: a connection authorised in between reads the old
 * membership, and the live-connection registry closes it by the revocation's mark.
 */
export async function inTransaction<T>(ctx: Ctx, work: (tx: Ctx) => Promise<T>): Promise<T> {
	const revocations: Revocation[] = [];
	const lobbies = new Set<string>();
	const result = await ctx.db.transaction((tx) =>
		work({
			...ctx,
			db: tx as unknown as Db,
			revoke: (revocation) => revocations.push(revocation),
			lobbyChanged: (caseId) => lobbies.add(caseId)
		})
	);
	for (const revocation of revocations) ctx.revoke(revocation);
	for (const caseId of lobbies) ctx.lobbyChanged?.(caseId);
	return result;
}

/** Serialises changes to one case's members (e.g. two owners demoting each other at once). */
export async function lockCase(tx: Ctx, caseId: string): Promise<void> {
	await tx.db.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for('update');
}

export function touchCase(tx: Ctx, caseId: string) {
	return tx.db.update(cases).set({ updatedAt: tx.clock() }).where(eq(cases.id, caseId));
}
