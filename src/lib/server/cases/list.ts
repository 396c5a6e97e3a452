import { and, asc, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '$lib/server/audit';
import type { CaseRole, CaseStatus } from '../../schemas/enums';
import type { Ctx } from '../context';
import { caseMembers, cases } from '../db/schema';
import { requireActor } from './access';

export type CaseListFilter = { q?: string; status?: CaseStatus; role?: CaseRole };

export type CaseSummary = {
	id: string;
	code: string;
	title: string;
	municipality: string;
	status: CaseStatus;
	role: CaseRole;
	memberCount: number;
	updatedAt: Date;
};

/** A LIKE pattern that matches `text` literally anywhere: %, _ and \ lose their meaning. */
export function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The cases the actor is a member of, most recently changed first. */
export async function listMyCases(ctx: Ctx, filter: CaseListFilter = {}): Promise<CaseSummary[]> {
	const actor = requireActor(ctx);
	const conditions: SQL[] = [eq(caseMembers.userId, actor.id)];
	const q = filter.q?.trim();
	if (q) {
		const pattern = containsPattern(q);
		conditions.push(
			or(
				ilike(cases.code, pattern),
				ilike(cases.title, pattern),
				ilike(cases.municipality, pattern)
			)!
		);
	}
	if (filter.status) conditions.push(eq(cases.status, filter.status));
	if (filter.role) conditions.push(eq(caseMembers.role, filter.role));

	const rows = await ctx.db
		.select({
			id: cases.id,
			code: cases.code,
			title: cases.title,
			municipality: cases.municipality,
			status: cases.status,
			role: caseMembers.role,
			memberCount: sql<number>`(select count(*) from case_members m where m.case_id = ${cases.id})::int`,
			updatedAt: cases.updatedAt
		})
		.from(caseMembers)
		.innerJoin(cases, eq(cases.id, caseMembers.caseId))
		.where(and(...conditions))
		.orderBy(desc(cases.updatedAt), asc(cases.code))
		.limit(500);

	// The search text itself is not stored: it is free text and could hold anything.
	await recordAudit(ctx, {
		action: 'case.list',
		outcome: 'success',
		detail: {
			searched: Boolean(q),
			status: filter.status ?? null,
			role: filter.role ?? null,
			count: rows.length
		}
	});
	return rows;
}
