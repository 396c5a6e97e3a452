import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { AccessEndedReason } from '../protocol/access';
import type { LoginLimiter } from './auth/login';
import type { LiveDocuments } from './collab/live-documents';
import type { Database, Db } from './db';
import type { DeploymentRole } from './db/schema';

/** A professional with an account, signed in with the session cookie (or a bearer token). */
export type UserActor = {
	kind: 'user';
	id: string;
	name: string;
	email: string;
	role: DeploymentRole;
	organisationId: string | null;
	organisationName: string | null;
};

/**
 * Someone without an account who came in through an invite link, with the guest cookie. They
 * only ever reach the one case (or session) of their invite, in the invite's role.
 */
export type GuestActor = {
	kind: 'guest';
	id: string;
	name: string;
	/** Never an administrator: guests hold no deployment role. */
	role: 'guest';
	organisationId: null;
	/** As they typed it: an agency, or "familie". */
	organisationName: string;
	guest: {
		inviteId: string;
		caseId: string;
		/** The session the invite was for; null when it was for the whole case. */
		sessionId: string | null;
		status: 'waiting' | 'admitted';
	};
};

/** Who is acting. Resolved from the session or guest cookie by hooks.server.ts. */
export type Actor = UserActor | GuestActor;

/**
 * Whose live connections to end: those matching every given field. Ids are the canonical ones
 * the capability read from the database.
 */
export type Revocation = {
	sessionToken?: string;
	/** Every session of the user but this one (the person who changed their own password). */
	exceptSessionToken?: string;
	userId?: string;
	caseId?: string;
	reason: AccessEndedReason;
};

/** Process-wide parts a capability may need beyond the database (held by app.ts). */
export type Services = {
	database: Pick<Database, 'kind' | 'ping'>;
	loginLimiter: LoginLimiter;
	/** Invite redemption attempts per address. */
	inviteLimiter: RateLimiterAbstract;
	/** The documents being edited now; every update is committed before it is applied. */
	documents: LiveDocuments;
	/** `SETUP_TOKEN`: what the first-run setup asks for, when set. */
	setupToken: string | undefined;
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
	/**
	 * Ends the matching live connections (document and session channel) at once. The capability
	 * that ends someone's access calls it; inside `inTransaction` it takes effect on commit.
	 */
	revoke(revocation: Revocation): void;
	/**
	 * Says that who waits in a case's lobby changed, so that the facilitator's view updates
	 * (absent where nobody shows a lobby: tests, scripts). Inside `inTransaction`, on commit.
	 */
	lobbyChanged?(caseId: string): void;
	services: Services;
	/** From the configuration; the defaults of config.ts when absent (tests, scripts). */
	sessionLimits?: SessionLimits;
};
