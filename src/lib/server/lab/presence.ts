import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { PresenceStatus } from '../../protocol/lab';
import { inTransaction } from '../cases';
import type { Ctx } from '../context';
import { labPresence, labSessions } from '../db/schema';
import { runSessionCommand, type LabEvent } from './command';
import { presenceEvent } from './events';

/** Milliseconds since `since` up to `now`, banked into present_ms by SQL. */
const banked = (now: Date) =>
	sql`${labPresence.presentMs} + greatest(0, floor(extract(epoch from (${now.toISOString()}::timestamptz - ${labPresence.presentSince})) * 1000))::bigint`;

/**
 * Marks the actor present, away or gone. Time present counts only while 'present' (away: the
 * screen was left; gone: the session was left), from the session's start to its end. Any member may do this, observers too: being
 * in the room is not writing.
 */
export function setPresence(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:presence:set', input, async (tx, s, cmd) => {
		const now = tx.clock();
		const status: PresenceStatus = cmd.status;
		const presentSince = status === 'present' ? now : null;
		await tx.db
			.insert(labPresence)
			.values({
				sessionId: s.session.id,
				userId: tx.actor!.id,
				status,
				presentSince,
				firstJoinedAt: now
			})
			.onConflictDoUpdate({
				target: [labPresence.sessionId, labPresence.userId],
				set: {
					status,
					presentMs: sql`case when ${labPresence.presentSince} is null then ${labPresence.presentMs} else ${banked(now)} end`,
					// Present again while present keeps the running stretch.
					presentSince:
						status === 'present'
							? sql`coalesce(${labPresence.presentSince}, ${now.toISOString()}::timestamptz)`
							: null
				}
			});
		return {
			result: { status },
			events: [await presenceEvent(tx, s.session)],
			detail: { status }
		};
	});
}

/** At the start: time present counts from here, not from arriving before the start. */
export async function restartPresence(tx: Ctx, sessionId: string, now: Date) {
	await tx.db
		.update(labPresence)
		.set({ presentMs: 0, presentSince: now })
		.where(and(eq(labPresence.sessionId, sessionId), isNotNull(labPresence.presentSince)));
}

/** At the end of a session: everyone's running stretch is banked and stops. */
export async function closePresence(tx: Ctx, sessionId: string, now: Date) {
	await tx.db
		.update(labPresence)
		.set({ presentMs: banked(now), presentSince: null })
		.where(and(eq(labPresence.sessionId, sessionId), isNotNull(labPresence.presentSince)));
}

/**
 * Someone whose access ended (a guest removed, turned away, or whose link was withdrawn) left
 * the session: nobody can mark them gone as themselves any more, so the server does, in a
 * running session, with a new revision like any command.
 */
export async function markGoneWithoutAccess(
	ctx: Ctx,
	sessionId: string,
	userId: string
): Promise<LabEvent[]> {
	return inTransaction(ctx, async (tx) => {
		const [session] = await tx.db
			.update(labSessions)
			.set({ revision: sql`${labSessions.revision} + 1` })
			.where(and(eq(labSessions.id, sessionId), eq(labSessions.status, 'running')))
			.returning();
		if (!session) return [];
		const now = tx.clock();
		const gone = await tx.db
			.update(labPresence)
			.set({
				status: 'left',
				presentMs: sql`case when ${labPresence.presentSince} is null then ${labPresence.presentMs} else ${banked(now)} end`,
				presentSince: null
			})
			.where(
				and(
					eq(labPresence.sessionId, session.id),
					eq(labPresence.userId, userId),
					ne(labPresence.status, 'left')
				)
			)
			.returning({ userId: labPresence.userId });
		return gone.length ? [await presenceEvent(tx, session)] : [];
	});
}
