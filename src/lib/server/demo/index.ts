import { eq } from 'drizzle-orm';
import { recordAudit } from '../audit';
import { hashPassword } from '../auth';
import { getCurrentState, readCaseContent, type LiveDocuments } from '../collab';
import type { Actor, Ctx } from '../context';
import { caseMembers, cases, labSessions, organisations, users } from '../db/schema';
import { demoAccounts, demoCases, demoOrganisations, demoPassword } from './data';
import { DemoRefused, holdsNonDemoData } from './guard';
import { demoStories } from './stories';
import { writeStory } from './write-story';

export { demoPassword, demoAccounts, DemoRefused };

export type LoadDemoOptions = {
	/** Load even into a database that holds data of a real deployment. */
	force?: boolean;
};

/**
 * Loads the fictional demo deployment: organisations, accounts and cases, and each case's
 * content as its members wrote it over the past weeks (narrative, doorbraak, plan, life
 * domains, versions, audit trail, Change Lab sessions with their journey records, and a session
 * planned for today). Idempotent: rows that exist (same fixed id or unique key) are left as they
 * are and a case that has content or sessions keeps them, so running it twice changes nothing.
 * Refuses (DemoRefused) a database with non-demo data unless `force` is set.
 */
export async function loadDemo(
	ctx: Ctx,
	documents: LiveDocuments,
	options: LoadDemoOptions = {}
): Promise<{ added: number; casesFilled: number }> {
	if (!options.force && (await holdsNonDemoData(ctx))) {
		await recordAudit(ctx, {
			action: 'demo.load',
			outcome: 'denied',
			detail: { reason: 'real_data' }
		});
		throw new DemoRefused();
	}
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

	const today = ctx.clock();
	let casesFilled = 0;
	for (const story of demoStories) {
		if (!isEmpty(await getCurrentState(ctx, story.caseId))) continue;
		if (await hasSessions(ctx, story.caseId)) continue;
		await writeStory(ctx, documents, story, demoActors(), today);
		casesFilled++;
	}
	await documents.drain();
	await recordAudit(ctx, {
		action: 'demo.load',
		outcome: 'success',
		detail: { rowsAdded: added, casesFilled }
	});
	return { added, casesFilled };
}

async function hasSessions(ctx: Ctx, caseId: string): Promise<boolean> {
	const found = await ctx.db
		.select({ id: labSessions.id })
		.from(labSessions)
		.where(eq(labSessions.caseId, caseId))
		.limit(1);
	return found.length > 0;
}

function isEmpty(state: Uint8Array): boolean {
	const content = readCaseContent(state);
	return content.narrative.length === 0 && content.planItems.length === 0;
}

function demoActors(): Map<string, Actor> {
	const organisationNames = new Map(demoOrganisations.map((o) => [o.id, o.name]));
	return new Map(
		demoAccounts.map((account) => [
			account.id,
			{
				kind: 'user',
				id: account.id,
				name: account.name,
				email: account.email,
				role: account.role,
				organisationId: account.organisationId,
				organisationName: organisationNames.get(account.organisationId) ?? null
			}
		])
	);
}
