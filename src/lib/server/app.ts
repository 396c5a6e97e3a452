import { EventEmitter } from 'node:events';
import { createLoginLimiter, type LoginLimiter } from './auth';
import { LiveDocuments, prepareCaseDocument, type LiveDocumentsOptions } from './collab';
import type { Config } from './config';
import type { Actor, Ctx } from './context';
import { openDatabase, type Database } from './db';
import { createLogger, type Logger } from './log';

/**
 * Access ended or changed: one session's (logout), a user's (deactivated), a user's to one case
 * (removed, or their role changed), or everyone's to one case (deleted). Live connections
 * matching every given field are closed.
 */
export type AccessRevoked = {
	sessionToken?: string;
	userId?: string;
	caseId?: string;
	reason: string;
};

export type AppEvents = { 'access-revoked': [AccessRevoked] };

/** Everything one process holds: the one place with process-wide state. */
export type App = {
	config: Config;
	database: Database;
	log: Logger;
	loginLimiter: LoginLimiter;
	/** The documents being edited now; every update is committed before it is applied. */
	documents: LiveDocuments;
	events: EventEmitter<AppEvents>;
	createCtx(request: { actor?: Actor | null; address?: string | null }): Ctx;
	close(): Promise<void>;
};

export type AppOverrides = {
	log?: Logger;
	/** An open database to use instead of the configured one (tests); closed with the app. */
	database?: Database;
	documents?: LiveDocumentsOptions;
};

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
	const log = overrides.log ?? createLogger(config.logLevel);
	const database =
		overrides.database ??
		(await openDatabase({
			databaseUrl: config.databaseUrl,
			dataDir: config.databaseUrl ? undefined : config.dataDir
		}));
	log.info(
		{ database: database.kind, dataDir: database.kind === 'pglite' ? config.dataDir : undefined },
		'database ready, migrations applied'
	);
	const documents = new LiveDocuments(database.db, log, {
		prepare: prepareCaseDocument,
		...overrides.documents
	});

	let closing: Promise<void> | undefined;
	return {
		config,
		database,
		log,
		loginLimiter: createLoginLimiter(),
		documents,
		events: new EventEmitter<AppEvents>(),
		createCtx: ({ actor = null, address = null }) => ({
			db: database.db,
			actor,
			address,
			clock: () => new Date(),
			log,
			sessionLimits: config.sessionLimits
		}),
		close: () =>
			(closing ??= (async () => {
				await documents.close();
				await database.close();
			})())
	};
}
