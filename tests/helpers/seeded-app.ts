import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Services } from '$lib/server/context';
import { openDatabase } from '$lib/server/db';
import {
	buildAppIfStale,
	freePort,
	startAppProcess,
	type AppProcess,
	type AppStorage
} from './app-process';
import { createPostgresDatabase, silentLog, type DriverName, type TestDatabase } from './database';

export type SeededApp<Seeded> = {
	/** The running production build. */
	readonly app: AppProcess;
	/** What `seed` returned. */
	readonly seeded: Seeded;
};

/**
 * The production build in a child process over a database the test filled first: `seed` runs on
 * its own connection before the app starts (PGlite allows one process at a time), with
 * capabilities on a ctx like `useTestDatabase`'s. One app per describe block, on `driver`.
 */
export function useSeededApp<Seeded>(
	driver: DriverName,
	seed: (t: TestDatabase) => Promise<Seeded>
): SeededApp<Seeded> {
	let app: AppProcess | undefined;
	let seeded: Seeded | undefined;
	let cleanUp = async () => {};

	beforeAll(async () => {
		await buildAppIfStale();
		let storage: AppStorage;
		if (driver === 'pglite') {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwl-seeded-'));
			storage = { dataDir };
			cleanUp = async () => fs.rmSync(dataDir, { recursive: true, force: true });
		} else {
			const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
			storage = { databaseUrl: created.url };
			cleanUp = created.drop;
		}
		const database = await openDatabase(storage);
		try {
			seeded = await seed({
				database,
				revoked: [],
				ctx: (actor = null, address = '203.0.113.7') => ({
					db: database.db,
					actor,
					address,
					clock: () => new Date(),
					log: silentLog,
					revoke: () => {},
					services: { database } as unknown as Services
				})
			});
		} finally {
			await database.close();
		}
		app = await startAppProcess(storage, await freePort());
	}, 180_000);

	afterAll(async () => {
		await app?.stop();
		await cleanUp();
	});

	return {
		get app() {
			if (!app) throw new Error('useSeededApp: the app runs only inside tests');
			return app;
		},
		get seeded() {
			if (seeded === undefined) throw new Error('useSeededApp: not seeded yet');
			return seeded;
		}
	};
}
