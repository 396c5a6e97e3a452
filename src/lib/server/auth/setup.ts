import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import type { Db } from '../db';
import { users } from '../db/schema';
import { CapabilityError, conflict } from '../errors';
import { hashPassword } from './password';

export type SetupInput = { name: string; email: string; password: string; setupToken?: string };

/** Any constant: serialises concurrent first-run setups across connections. */
const setupLockKey = 73_011;

async function countUsers(db: Pick<Db, 'select'>): Promise<number> {
	const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
	return row.count;
}

export async function needsSetup(ctx: Ctx): Promise<boolean> {
	return (await countUsers(ctx.db)) === 0;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit on length. */
function tokenMatches(given: string | undefined, expected: string): boolean {
	return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

/**
 * Creates the first administrator; refused once any account exists, and, when the deployment
 * has a SETUP_TOKEN (`requiredToken`), without that token. Both checks come before the password
 * is hashed: setup posts to a running deployment cost nothing but a count.
 */
export async function createFirstAdmin(
	ctx: Ctx,
	input: SetupInput,
	{ requiredToken }: { requiredToken?: string } = {}
): Promise<{ id: string }> {
	if (!(await needsSetup(ctx))) throw conflict('error_setup_done');
	if (requiredToken !== undefined && !tokenMatches(input.setupToken, requiredToken)) {
		await recordAudit(ctx, {
			action: 'setup.first_admin',
			outcome: 'denied',
			detail: { reason: input.setupToken ? 'wrong_setup_token' : 'no_setup_token' }
		});
		throw new CapabilityError('invalid', 'error_setup_token', 'setupToken');
	}
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
