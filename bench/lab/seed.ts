/**
 * Seeds bench:lab: `--sessions` cases of `--members` members each (the first the case's owner,
 * who plans and facilitates the session; the others participants), a session token per member,
 * and a running session per case, planned and started through the lab capability. Prints the
 * sessions (SessionSpec[]) as one JSON line on stdout.
 *
 * Uses the database the server will use: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite). PGlite
 * is single-process, so run this before the server starts.
 *
 *   DATA_DIR=/tmp/x node --import tsx bench/lab/seed.ts --sessions 50 --members 10
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createApp } from '../../src/lib/server/app';
import { createSession } from '../../src/lib/server/auth';
import { readConfig } from '../../src/lib/server/config';
import type { Actor } from '../../src/lib/server/context';
import { caseMembers, cases, organisations, users } from '../../src/lib/server/db/schema';
import { listCategories, planSession, startSession } from '../../src/lib/server/lab';
import type { SessionSpec } from './protocol';

const { values } = parseArgs({
	options: {
		sessions: { type: 'string', default: '50' },
		members: { type: 'string', default: '10' }
	}
});
const sessionCount = Number(values.sessions);
const memberCount = Number(values.members);

const app = await createApp(readConfig({ ...process.env, LOG_LEVEL: 'warn' }));
const { db } = app.database;

try {
	const run = Date.now().toString(36);
	const [organisation] = await db
		.insert(organisations)
		.values({ name: `Benchmark ${run}`, kind: 'gemeente' })
		.returning({ id: organisations.id, name: organisations.name });
	const specs: SessionSpec[] = [];
	for (let index = 0; index < sessionCount; index++) {
		const accounts = await db
			.insert(users)
			.values(
				Array.from({ length: memberCount }, (_, i) => ({
					name: `Bench ${index + 1}.${i + 1}`,
					email: `bench-${run}-${index + 1}-${i + 1}@example.org`,
					organisationId: organisation.id,
					passwordHash: 'not-a-hash: sessions are issued directly'
				}))
			)
			.returning({ id: users.id, name: users.name, email: users.email });
		const [{ id: caseId }] = await db
			.insert(cases)
			.values({
				code: `Gezin L-${run}-${index + 1}`,
				title: 'Benchmarkcasus',
				municipality: 'Benchstad',
				createdBy: accounts[0].id
			})
			.returning({ id: cases.id });
		await db.insert(caseMembers).values(
			accounts.map((account, i) => ({
				caseId,
				userId: account.id,
				role: i === 0 ? ('owner' as const) : ('participant' as const)
			}))
		);
		const owner: Actor = {
			kind: 'user',
			...accounts[0],
			role: 'member',
			organisationId: organisation.id,
			organisationName: organisation.name
		};
		const ctx = app.createCtx({ actor: owner });
		const categories = await listCategories(ctx);
		const planned = await planSession(ctx, caseId, {
			idempotencyKey: randomUUID(),
			title: 'Benchmarksessie',
			scheduledAt: new Date().toISOString()
		});
		const { sessionId } = planned.result;
		await startSession(ctx, sessionId, { idempotencyKey: randomUUID() });
		const tokens: string[] = [];
		for (const account of accounts) tokens.push((await createSession(ctx, account.id)).token);
		specs.push({
			index,
			caseId,
			sessionId,
			categories: {
				kans: categories.find((c) => c.kind === 'kans')!.id,
				belemmering: categories.find((c) => c.kind === 'belemmering')!.id
			},
			members: accounts.map((account, i) => ({
				userId: account.id,
				token: tokens[i],
				role: i === 0 ? 'facilitator' : 'participant'
			}))
		});
	}
	process.stdout.write(`${JSON.stringify(specs)}\n`);
} finally {
	await app.close();
}
