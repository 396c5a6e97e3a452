import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../context';
import { labHands } from '../db/schema';
import { conflict } from '../errors';
import { runSessionCommand } from './command';
import { handsEvent } from './events';
import { viewHandQueue } from './views';

const openHandOf = (sessionId: string, userId: string) =>
	and(eq(labHands.sessionId, sessionId), eq(labHands.userId, userId), isNull(labHands.closedAt));

/** Raises the actor's hand; a hand already up stays where it is in the queue. */
export function raiseHand(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:hand:raise', input, async (tx, s) => {
		const [existing] = await tx.db
			.select({ id: labHands.id })
			.from(labHands)
			.where(openHandOf(s.session.id, tx.actor!.id));
		const hand =
			existing ??
			(
				await tx.db
					.insert(labHands)
					.values({ sessionId: s.session.id, userId: tx.actor!.id, raisedAt: tx.clock() })
					.returning({ id: labHands.id })
			)[0];
		return { result: { handId: hand.id }, events: [await handsEvent(tx, s.session)] };
	});
}

export function lowerHand(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:hand:lower', input, async (tx, s) => {
		const lowered = await tx.db
			.update(labHands)
			.set({ closedAt: tx.clock(), outcome: 'lowered' })
			.where(openHandOf(s.session.id, tx.actor!.id))
			.returning({ id: labHands.id });
		return {
			result: { handId: lowered[0]?.id ?? null },
			events: lowered.length ? [await handsEvent(tx, s.session)] : []
		};
	});
}

/** The facilitator gives the word to the hand that was raised first. */
export function takeNextHand(ctx: Ctx, sessionId: string, input: unknown) {
	return runSessionCommand(ctx, sessionId, 'lab:hand:next', input, async (tx, s) => {
		const [first] = await viewHandQueue(tx, s.session.id);
		if (!first) throw conflict('lab_error_no_hands');
		await tx.db
			.update(labHands)
			.set({ closedAt: tx.clock(), outcome: 'taken' })
			.where(eq(labHands.id, first.id));
		return {
			result: { handId: first.id, userId: first.userId },
			events: [await handsEvent(tx, s.session, first)],
			detail: { userId: first.userId }
		};
	});
}

/** At the end of a session every hand still up is lowered. */
export async function closeHands(tx: Ctx, sessionId: string, now: Date) {
	await tx.db
		.update(labHands)
		.set({ closedAt: now, outcome: 'lowered' })
		.where(and(eq(labHands.sessionId, sessionId), isNull(labHands.closedAt)));
}
