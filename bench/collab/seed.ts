/**
 * Seeds a benchmark deployment: one organisation, `--accounts` accounts that are participants
 * (may edit) of every one of `--cases` cases, and a session token per account. Prints
 * `{ "caseIds": [...], "tokens": [...] }` as one JSON line on stdout.
 *
 * Uses the database the server will use: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite). PGlite
 * is single-process, so run this before the server starts.
 *
 *   DATA_DIR=/tmp/x node --import tsx bench/collab/seed.ts --cases 10 --accounts 20
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createSession } from '../../src/lib/server/auth';
import { openDatabase } from '../../src/lib/server/db';
import { caseMembers, cases, organisations, users } from '../../src/lib/server/db/schema';

const { values } = parseArgs({
	options: { cases: { type: 'string', default: '1' }, accounts: { type: 'string', default: '20' } }
});
const caseCount = Number(values.cases);
const accountCount = Number(values.accounts);

const database = await openDatabase({
	databaseUrl: process.env.DATABASE_URL || undefined,
	dataDir: process.env.DATABASE_URL ? undefined : path.resolve(process.env.DATA_DIR ?? './data')
});
const { db } = database;
const ctx = {
	db,
	actor: null,
	address: null,
	clock: () => new Date(),
	log: pino({ level: 'silent' })
};

/** Inserts in slices: one statement may carry at most 65,535 parameters. */
async function insertInSlices<T>(rows: T[], insert: (slice: T[]) => Promise<unknown>) {
	for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

try {
	const run = Date.now().toString(36);
	const [organisation] = await db
		.insert(organisations)
		.values({ name: `Benchmark ${run}`, kind: 'gemeente' })
		.returning({ id: organisations.id });
	const accounts = await db
		.insert(users)
		.values(
			Array.from({ length: accountCount }, (_, i) => ({
				name: `Bench ${i + 1}`,
				email: `bench-${run}-${i + 1}@example.org`,
				organisationId: organisation.id,
				passwordHash: 'not-a-hash: sessions are issued directly'
			}))
		)
		.returning({ id: users.id });
	const caseIds: string[] = [];
	await insertInSlices(
		Array.from({ length: caseCount }, (_, i) => ({
			code: `Gezin B-${run}-${i + 1}`,
			title: 'Benchmarkcasus',
			municipality: 'Benchstad',
			createdBy: accounts[0].id
		})),
		async (slice) => {
			const rows = await db.insert(cases).values(slice).returning({ id: cases.id });
			caseIds.push(...rows.map((r) => r.id));
		}
	);
	await insertInSlices(
		caseIds.flatMap((caseId) =>
			accounts.map((account) => ({ caseId, userId: account.id, role: 'participant' as const }))
		),
		(slice) => db.insert(caseMembers).values(slice)
	);
	const tokens: string[] = [];
	for (const account of accounts) tokens.push((await createSession(ctx, account.id)).token);
	process.stdout.write(`${JSON.stringify({ caseIds, tokens })}\n`);
} finally {
	await database.close();
}
