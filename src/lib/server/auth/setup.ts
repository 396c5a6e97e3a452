import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import type { Db } from '../db';
import { users } from '../db/schema';
import { conflict } from '../errors';
import { hashPassword } from './password';

export type SetupInput = { name: string; email: string; password: string };

/** Any constant: serialises concurrent first-run setups across connections. */
const setupLockKey = 73_011;

async function countUsers(db: Pick<Db, 'select'>): Promise<number> {
	const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
	return row.count;
}

export async function needsSetup(ctx: Ctx): Promise<boolean> {
	return (await countUsers(ctx.db)) === 0;
}

/**
 * Creates the first administrator; refused once any account exists. That check comes before
 * the password is hashed: setup posts to a running deployment cost nothing but a count.
 */
export async function createFirstAdmin(ctx: Ctx, input: SetupInput): Promise<{ id: string }> {
	if (!(await needsSetup(ctx))) throw conflict('error_setup_done');
	const passwordHash = await hashPassword(input.password);
	const created = await ctx.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${setupLockKey})`);
		// Again under the lock: two setups may both have passed the check above.
		if ((await countUsers(tx)) > 0) throw conflict('error_setup_done');
		const [row] = await tx
			.insert(users)
			.values({ name: input.name, email: input.email, role: 'admin', passwordHash })
			.returning({ id: users.id });
		return row;
	});
	await recordAudit(ctx, {
		action: 'setup.first_admin',
		outcome: 'success',
		detail: { userId: created.id }
	});
	return created;
}
