import type { Logger } from 'pino';
import type { Db } from './db';
import type { DeploymentRole } from './db/schema';

/** Who is acting. Resolved from the session cookie by hooks.server.ts. */
export type Actor = {
	kind: 'user';
	id: string;
	name: string;
	email: string;
	role: DeploymentRole;
	organisationId: string | null;
	organisationName: string | null;
};

/** How long a session lasts: `idleMs` without a request, `maxMs` after login at most. */
export type SessionLimits = { idleMs: number; maxMs: number };

/** What every capability function receives: where to read and write, who asks, and when. */
export type Ctx = {
	db: Db;
	actor: Actor | null;
	clock: () => Date;
	/** The client's network address, for the audit trail. */
	address: string | null;
	log: Logger;
	/** From the configuration; the defaults of config.ts when absent (tests, scripts). */
	sessionLimits?: SessionLimits;
};
