import { createLoginLimiter, type LoginLimiter } from './auth';
import { LiveDocuments, prepareCaseDocument, type LiveDocumentsOptions } from './collab';
import type { Config } from './config';
import { createInviteLimiter, LobbySignal } from './invites';
import type { Actor, Ctx, Services } from './context';
import { openDatabase, type Database } from './db';
import { createLogger, type Logger } from './log';
import { LiveConnections } from './realtime/live-connections';

/** Everything one process holds: the one place with process-wide state. */
export type App = {
	config: Config;
	database: Database;
	log: Logger;
	loginLimiter: LoginLimiter;
	/** The documents being edited now; every update is committed before it is applied. */
	documents: LiveDocuments;
	/** Every live connection, document or session channel: where access ends at once. */
	connections: LiveConnections;
	/** Who waits in which case's lobby changed: the session channel listens. */
	lobby: LobbySignal;
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

	const loginLimiter = createLoginLimiter();
	const inviteLimiter = createInviteLimiter();
	const connections = new LiveConnections();
	const lobby = new LobbySignal();
	const services: Services = {
		database,
		loginLimiter,
		inviteLimiter,
		documents,
		setupToken: config.setupToken
	};

	let closing: Promise<void> | undefined;
	return {
		config,
		database,
		log,
		loginLimiter,
		documents,
		connections,
		lobby,
		createCtx: ({ actor = null, address = null }) => ({
			db: database.db,
			actor,
			address,
			clock: () => new Date(),
			log,
			revoke: (revocation) => connections.revoke(revocation),
			lobbyChanged: (caseId) => lobby.changed(caseId),
			services,
			sessionLimits: config.sessionLimits
		}),
		close: () =>
			(closing ??= (async () => {
				await documents.close();
				await database.close();
			})())
	};
}
