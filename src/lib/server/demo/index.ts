import { recordAudit } from '../audit';
import { hashPassword } from '../auth';
import type { Ctx } from '../context';
import { caseMembers, cases, organisations, users } from '../db/schema';
import { demoAccounts, demoCases, demoOrganisations, demoPassword } from './data';

export { demoPassword, demoAccounts };

/**
 * Loads the fictional demo deployment. Idempotent: rows that exist (same fixed id or unique
 * key) are left as they are, so running it twice changes nothing.
 */
export async function loadDemo(ctx: Ctx): Promise<{ added: number }> {
	const passwordHash = await hashPassword(demoPassword);
	const added = await ctx.db.transaction(async (tx) => {
		const orgs = await tx
			.insert(organisations)
			.values(demoOrganisations)
			.onConflictDoNothing()
			.returning({ id: organisations.id });
		const accounts = await tx
			.insert(users)
			.values(demoAccounts.map((a) => ({ ...a, passwordHash })))
			.onConflictDoNothing()
			.returning({ id: users.id });
		const casesAdded = await tx
			.insert(cases)
			.values(demoCases.map(({ members, ...c }) => ({ ...c, createdBy: members[0][0] })))
			.onConflictDoNothing()
			.returning({ id: cases.id });
		const membersAdded = await tx
			.insert(caseMembers)
			.values(
				demoCases.flatMap((c) =>
					c.members.map(([userId, role]) => ({ caseId: c.id, userId, role }))
				)
			)
			.onConflictDoNothing()
			.returning({ caseId: caseMembers.caseId });
		return orgs.length + accounts.length + casesAdded.length + membersAdded.length;
	});
	await recordAudit(ctx, { action: 'demo.load', outcome: 'success', detail: { rowsAdded: added } });
	return { added };
}
