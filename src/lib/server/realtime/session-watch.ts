import { accessEnded } from '../../protocol/access';
import type { App } from '../app';
import { membershipKey, readLiveMemberships } from '../cases';
import { validateCredential } from './credentials';
import type { LiveConnection, LiveConnections } from './live-connections';

export type SessionWatch = {
	/** Looks at every live connection now: its session, its membership and its role. */
	check(): Promise<void>;
	/** Checks a session again when it is due to expire (a registered connection's token). */
	watchExpiry(sessionToken: string, expiresAt: Date): void;
	/**
	 * The person did something over a live connection (an edit, a command): that is activity, so
	 * the session does not go idle under someone who works only live. At most once a minute.
	 */
	noteActivity(sessionToken: string): void;
	close(): void;
};

/** setTimeout takes at most 2^31 - 1 ms; later expiries are looked at by the periodic check. */
const longestTimerMs = 2 ** 31 - 1;

/**
 * Capabilities end access at once (`ctx.revoke`); this catches what no capability announces: a
 * session that expires, and anything changed behind the app's back (another instance, SQL by
 * hand). It only looks: a session is never extended by its live connections.
 */
export function watchSessions(
	app: App,
	connections: LiveConnections,
	{
		intervalMs,
		activityEveryMs = 60_000
	}: {
		intervalMs: number;
		/** Live activity renews a session at most this often (sessions record it by the minute). */
		activityEveryMs?: number;
	}
): SessionWatch {
	const expiryTimers = new Map<string, NodeJS.Timeout>();
	const lastActivity = new Map<string, number>();
	const ctx = () => app.createCtx({});
	let closed = false;

	async function checkSessions(live: LiveConnection[]) {
		const tokens = new Set(live.map((connection) => connection.sessionToken));
		for (const token of tokens) {
			const session = await validateCredential(ctx(), token, { touch: false });
			if (session) watchExpiry(token, session.idleExpiresAt);
			else endWhere(live, (c) => c.sessionToken === token, accessEnded.sessionExpired);
		}
	}

	async function checkMemberships(live: LiveConnection[]) {
		const caseIds = [...new Set(live.map((connection) => connection.caseId))];
		const roles = await readLiveMemberships(ctx(), caseIds);
		for (const connection of live) {
			const role = roles.get(membershipKey(connection.caseId, connection.userId));
			if (role === connection.role) continue;
			connections.end(connection, {
				reason: role ? accessEnded.roleChanged : accessEnded.membershipEnded
			});
		}
	}

	function endWhere(
		live: LiveConnection[],
		predicate: (connection: LiveConnection) => boolean,
		reason: (typeof accessEnded)[keyof typeof accessEnded]
	) {
		for (const connection of live)
			if (predicate(connection)) connections.end(connection, { reason });
	}

	async function check() {
		const live = connections.list();
		const open = new Set(live.map((connection) => connection.sessionToken));
		for (const token of lastActivity.keys()) if (!open.has(token)) lastActivity.delete(token);
		if (live.length === 0) return;
		await checkSessions(live);
		await checkMemberships(connections.list());
	}

	function watchExpiry(sessionToken: string, expiresAt: Date) {
		if (closed) return;
		clearTimeout(expiryTimers.get(sessionToken));
		const delay = expiresAt.getTime() - Date.now();
		if (delay > longestTimerMs) return expiryTimers.delete(sessionToken);
		const timer = setTimeout(
			() => {
				expiryTimers.delete(sessionToken);
				const live = connections.list().filter((c) => c.sessionToken === sessionToken);
				if (live.length === 0) return;
				checkSessions(live).catch((error) =>
					app.log.error({ err: error }, 'session expiry check failed')
				);
			},
			Math.max(0, delay) + 50
		);
		timer.unref();
		expiryTimers.set(sessionToken, timer);
	}

	function noteActivity(sessionToken: string) {
		const now = Date.now();
		if (closed || now - (lastActivity.get(sessionToken) ?? 0) < activityEveryMs) return;
		lastActivity.set(sessionToken, now);
		validateCredential(ctx(), sessionToken)
			.then((session) => session && watchExpiry(sessionToken, session.idleExpiresAt))
			.catch((error) => app.log.error({ err: error }, 'noting live activity failed'));
	}

	const periodic = setInterval(() => {
		check().catch((error) => app.log.error({ err: error }, 'live access check failed'));
	}, intervalMs);
	periodic.unref();

	return {
		check,
		watchExpiry,
		noteActivity,
		close() {
			closed = true;
			clearInterval(periodic);
			for (const timer of expiryTimers.values()) clearTimeout(timer);
			expiryTimers.clear();
			lastActivity.clear();
		}
	};
}
