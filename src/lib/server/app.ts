import { createLoginLimiter, type LoginLimiter } from './auth';
import type { Config } from './config';
import type { Actor, Ctx } from './context';
import { openDatabase, type Database } from './db';
import { createLogger, type Logger } from './log';

/** Everything one process holds: the one place with process-wide state. */
export type App = {
	config: Config;
	database: Database;
	log: Logger;
	loginLimiter: LoginLimiter;
	createCtx(request: { actor?: Actor | null; address?: string | null }): Ctx;
	close(): Promise<void>;
};

export async function createApp(config: Config, overrides: { log?: Logger } = {}): Promise<App> {
	const log = overrides.log ?? createLogger(config.logLevel);
	const database = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.databaseUrl ? undefined : config.dataDir
	});
	log.info(
		{ database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
		'database ready, migrations applied'
	);

	let closing: Promise<void> | undefined;
	return {
		config,
		database,
		log,
		loginLimiter: createLoginLimiter(),
		createCtx: ({ actor = null, address = null }) => ({
			db: database.db,
			actor,
			address,
			clock: () => new Date(),
			log
		}),
		close: () => (closing ??= database.close())
	};
}
