import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Sql } from 'postgres';
import { forDrizzle, pgliteOptions } from './pglite-client';
import * as schema from './schema';

export { schema };

/** Either driver: PGlite (embedded) or postgres.js. Capabilities only ever see this type. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type Database = {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Resolves when the database answers a trivial query. */
	ping(): Promise<void>;
	close(): Promise<void>;
};

export type MigrateOptions = {
	migrationsFolder?: string;
};

export const defaultMigrationsFolder = path.resolve('drizzle');

/**
 * Opens the configured database and applies pending migrations: postgres.js when `databaseUrl`
 * is set, otherwise PGlite in `dataDir` (in memory when that is absent too).
 */
export async function openDatabase(options: {
	databaseUrl?: string;
	dataDir?: string;
}): Promise<Database> {
	const database = options.databaseUrl
		? await connectPostgres(options.databaseUrl)
		: await connectPglite(options.dataDir);
	try {
		await migrateDatabase(database);
	} catch (error) {
		await database.close();
		throw error;
	}
	return database;
}

export async function migrateDatabase(database: Database, options: MigrateOptions = {}) {
	const config = { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder };
	if (database.kind === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(database.db as Parameters<typeof migrate>[0], config);
	} else {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		await migrate(database.db as Parameters<typeof migrate>[0], config);
	}
}

export async function connectPostgres(url: string): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const client = postgres(url, { max: 10, onnotice: () => {} });
	return databaseFromPostgres(client);
}

export async function databaseFromPostgres(client: Sql): Promise<Database> {
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const db = drizzle(client, { schema }) as unknown as Db;
	return {
		db,
		kind: 'postgres',
		ping: async () => {
			await db.execute(sql`select 1`);
		},
		close: () => client.end({ timeout: 5 })
	};
}

export async function connectPglite(dataDir?: string): Promise<Database> {
	const [{ PGlite }, { drizzle }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('drizzle-orm/pglite')
	]);
	if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
	const client = new PGlite({
		...pgliteOptions,
		dataDir: dataDir ? path.join(dataDir, 'pglite') : undefined
	});
	await client.waitReady;
	const db = drizzle(forDrizzle(client), { schema }) as unknown as Db;
	return {
		db,
		kind: 'pglite',
		ping: async () => {
			await client.query('select 1');
		},
		close: () => client.close()
	};
}
