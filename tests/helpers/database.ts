import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Actor, Ctx, Revocation, Services } from '$lib/server/context';
import { connectPglite, connectPostgres, migrateDatabase, type Database } from '$lib/server/db';

export type DriverName = 'pglite' | 'postgres';

/**
 * The drivers integration tests run on: always PGlite, and PostgreSQL when TEST_DATABASE_URL is
 * set. `npm test` says when PostgreSQL was skipped; CI sets it and requires it.
 */
export const drivers: DriverName[] = process.env.TEST_DATABASE_URL
	? ['pglite', 'postgres']
	: ['pglite'];

export const silentLog = pino({ level: 'silent' });

export type TestDatabase = {
	/** The file's database; emptied and migrated anew before every test. */
	readonly database: Database;
	/** A context on that database acting as `actor`, from a fixed documentation address. */
	ctx(actor?: Actor | null, address?: string): Ctx;
	/** What capabilities asked `ctx.revoke` for since the test began, in order. */
	readonly revoked: Revocation[];
};

/**
 * Only the database: tests of live documents and logins use a real app's context
 * (`startRealtimeServer(t).app.createCtx`) or pass their own limiter.
 */
function servicesOf(database: Database): Services {
	const absent = (name: string) => () => {
		throw new Error(`useTestDatabase: ctx.services.${name} is not available; use a real app`);
	};
	return Object.defineProperties({ database, setupToken: undefined } as unknown as Services, {
		loginLimiter: { get: absent('loginLimiter') },
		inviteLimiter: { get: absent('inviteLimiter') },
		documents: { get: absent('documents') }
	});
}

/**
 * One database per test file and driver (PGlite takes seconds to start; on PostgreSQL a database
 * of the file's own keeps parallel files apart), with a clean, migrated schema for every test.
 * Call inside a describe block: it registers its own hooks.
 */
export function useTestDatabase(driver: DriverName): TestDatabase {
	let database: Database | undefined;
	let dropPostgresDatabase = async () => {};

	beforeAll(async () => {
		if (driver === 'pglite') {
			database = await connectPglite();
			return;
		}
		const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
		dropPostgresDatabase = created.drop;
		database = await connectPostgres(created.url);
	});

	const revoked: Revocation[] = [];
	beforeEach(async () => {
		revoked.length = 0;
		for (const statement of [
			'DROP SCHEMA IF EXISTS drizzle CASCADE',
			'DROP SCHEMA public CASCADE',
			'CREATE SCHEMA public'
		]) {
			await database!.db.execute(sql.raw(statement));
		}
		await migrateDatabase(database!);
	});

	afterAll(async () => {
		await database?.close();
		await dropPostgresDatabase();
	});

	const current = () => {
		if (!database) throw new Error('useTestDatabase: the database is open only inside tests');
		return database;
	};
	return {
		get database() {
			return current();
		},
		ctx(actor = null, address = '203.0.113.7') {
			return {
				db: current().db,
				actor,
				address,
				clock: () => new Date(),
				log: silentLog,
				revoke: (revocation) => revoked.push(revocation),
				services: servicesOf(current())
			};
		},
		revoked
	};
}

/** Creates a throw-away database next to the one TEST_DATABASE_URL names. */
export async function createPostgresDatabase(baseUrl: string) {
	const name = `mwl_test_${randomBytes(6).toString('hex')}`;
	const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	const url = new URL(baseUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: async () => {
			await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
			await admin.end();
		}
	};
}
