import { and, eq, ne, sql } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit';
import type { CaseInput } from '../../schemas/cases';
import type { Ctx } from '../context';
import { caseMembers, cases } from '../db/schema';
import { conflict, isUniqueViolation } from '../errors';
import {
	auditCase,
	auditRefusal,
	inTransaction,
	openCase,
	requireActor,
	type CaseRecord,
	type OpenedCase
} from './access';
import { checkCaseInput } from './input';
import { selectMembers, type CaseMember } from './members';

const codeTaken = () => conflict('case_error_code_taken', 'code');

/** Codes are compared without regard to case: "Gezin K-17" and "gezin k-17" are one family. */
async function assertCodeFree(tx: Ctx, code: string, exceptCaseId?: string): Promise<void> {
	const sameCode = sql`lower(${cases.code}) = lower(${code})`;
	const [existing] = await tx.db
		.select({ id: cases.id })
		.from(cases)
		.where(exceptCaseId ? and(sameCode, ne(cases.id, exceptCaseId)) : sameCode);
	if (existing) throw codeTaken();
}

/** Creates a case; the creator becomes its owner. */
export async function createCase(ctx: Ctx, input: CaseInput): Promise<{ id: string }> {
	const actor = requireActor(ctx);
	try {
		const values = checkCaseInput(input);
		return await inTransaction(ctx, async (tx) => {
			await assertCodeFree(tx, values.code);
			const now = tx.clock();
			const [created] = await tx.db
				.insert(cases)
				.values({ ...values, createdBy: actor.id, createdAt: now, updatedAt: now })
				.returning({ id: cases.id });
			await tx.db
				.insert(caseMembers)
				.values({ caseId: created.id, userId: actor.id, role: 'owner', addedAt: now });
			await recordAudit(tx, {
				action: 'case.create',
				outcome: 'success',
				caseId: created.id,
				actorRole: 'owner',
				detail: { code: values.code }
			});
			return created;
		});
	} catch (error) {
		throw await auditRefusal(
			ctx,
			{ action: 'case.create' },
			isUniqueViolation(error) ? codeTaken() : error
		);
	}
}

export type CaseView = CaseRecord & Pick<OpenedCase, 'role' | 'rights'> & { members: CaseMember[] };

/** The case with the actor's role and rights and its members: one audited read. */
export async function getCase(ctx: Ctx, caseId: string): Promise<CaseView> {
	const opened = await openCase(ctx, caseId, 'readHistory', 'case.read');
	const members = await selectMembers(ctx, opened.record.id);
	await auditCase(ctx, opened, 'case.read');
	return { ...opened.record, role: opened.role, rights: opened.rights, members };
}

/** Edits a case's details; the audit names the changed fields, never their contents. */
export async function updateCase(ctx: Ctx, caseId: string, input: CaseInput): Promise<void> {
	const opened = await openCase(ctx, caseId, 'edit', 'case.update');
	const id = opened.record.id;
	try {
		const values = checkCaseInput(input);
		const changed = (Object.keys(values) as (keyof CaseInput)[]).filter(
			(field) => values[field] !== opened.record[field]
		);
		await inTransaction(ctx, async (tx) => {
			if (changed.includes('code')) await assertCodeFree(tx, values.code, id);
			await tx.db
				.update(cases)
				.set({ ...values, updatedAt: tx.clock() })
				.where(eq(cases.id, id));
			await auditCase(tx, opened, 'case.update', { changed });
		});
	} catch (error) {
		throw await auditRefusal(
			ctx,
			{ action: 'case.update', caseId: id, actorRole: opened.role },
			isUniqueViolation(error) ? codeTaken() : error
		);
	}
}
