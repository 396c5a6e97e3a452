import { eq, inArray } from 'drizzle-orm';
import { accessEnded } from '../../protocol/access';
import type { CaseStatus } from '../../schemas/enums';
import type { Ctx } from '../context';
import { cases, guests, users } from '../db/schema';
import { CapabilityError } from '../errors';
import { auditCase, auditRefusal, inTransaction, openCase } from './access';

async function setStatus(ctx: Ctx, caseId: string, status: CaseStatus, action: string) {
	const opened = await openCase(ctx, caseId, 'close', action);
	await inTransaction(ctx, async (tx) => {
		const now = tx.clock();
		await tx.db
			.update(cases)
			.set({ status, closedAt: status === 'closed' ? now : null, updatedAt: now })
			.where(eq(cases.id, opened.record.id));
		await auditCase(tx, opened, action, { from: opened.record.status });
	});
}

/** Closing and reopening are idempotent: a double submit changes nothing more. */
export function closeCase(ctx: Ctx, caseId: string): Promise<void> {
	return setStatus(ctx, caseId, 'closed', 'case.close');
}

export function reopenCase(ctx: Ctx, caseId: string): Promise<void> {
	return setStatus(ctx, caseId, 'open', 'case.reopen');
}

/**
 * Really deletes a case and every row that belongs to it (members cascade in the database).
 * The owner must type the case code to confirm. The audit trail stays: it is the record that
 * the case existed and who deleted it.
 */
export async function deleteCase(
	ctx: Ctx,
	caseId: string,
	input: { confirmCode: string }
): Promise<void> {
	const opened = await openCase(ctx, caseId, 'delete', 'case.delete');
	const { id, code } = opened.record;
	if ((input.confirmCode ?? '').trim() !== code) {
		throw await auditRefusal(
			ctx,
			{ action: 'case.delete', caseId: id, actorRole: opened.role },
			new CapabilityError('invalid', 'case_error_confirm_code', 'confirmCode')
		);
	}
	await inTransaction(ctx, async (tx) => {
		// Guests are user rows of their own: deleting the case must not leave their names behind.
		await tx.db
			.delete(users)
			.where(
				inArray(
					users.id,
					tx.db.select({ id: guests.userId }).from(guests).where(eq(guests.caseId, id))
				)
			);
		await tx.db.delete(cases).where(eq(cases.id, id));
		await auditCase(tx, opened, 'case.delete', { code });
		tx.revoke({ caseId: id, reason: accessEnded.caseDeleted });
	});
}
