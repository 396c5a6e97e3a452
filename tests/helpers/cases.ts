import type { Ctx } from '$lib/server/context';
import { caseMembers, cases } from '$lib/server/db/schema';
import type { CaseRole } from '$lib/schemas/enums';

let counter = 0;

/** Inserts a case directly with the given members; returns its id. */
export async function insertCase(
	ctx: Ctx,
	members: { userId: string; role: CaseRole }[] = []
): Promise<string> {
	const [row] = await ctx.db
		.insert(cases)
		.values({
			code: `Gezin T-${++counter}-${Math.random().toString(36).slice(2, 6)}`,
			title: 'Testcasus',
			municipality: 'Teststad'
		})
		.returning({ id: cases.id });
	if (members.length) {
		await ctx.db.insert(caseMembers).values(members.map((m) => ({ caseId: row.id, ...m })));
	}
	return row.id;
}
