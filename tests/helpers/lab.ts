import { randomUUID } from 'node:crypto';
import type { Actor, Ctx } from '$lib/server/context';
import * as lab from '$lib/server/lab';
import { insertActor } from './actors';
import { insertCase } from './cases';
import type { TestDatabase } from './database';

/** A fresh idempotency key, as a client makes one per command. */
export const key = () => randomUUID();

/** A clock tests move by hand: `at.now` is what every ctx made by `ctxAt` reads. */
export function manualClock(start = new Date('2026-03-02T09:00:00Z')) {
	const clock = {
		now: start,
		advance(ms: number) {
			clock.now = new Date(clock.now.getTime() + ms);
		}
	};
	return clock;
}

export type LabCast = Awaited<ReturnType<typeof setUpLabCase>>;

/**
 * A case with one member of each role (the owner plans and facilitates by default), a scribe
 * (a participant), an outsider, and the seeded categories.
 */
export async function setUpLabCase(t: TestDatabase, clock = manualClock()) {
	const ctx = t.ctx();
	const owner = await insertActor(ctx, {
		name: 'Olga Eigenaar',
		organisation: 'Gemeente Lelystad'
	});
	const facilitator = await insertActor(ctx, {
		name: 'Fenna Facilitator',
		organisation: 'Gemeente Lelystad'
	});
	const participant = await insertActor(ctx, {
		name: 'Piet Deelnemer',
		organisation: 'Jeugdzorg Flevoland',
		kind: 'jeugdzorg'
	});
	const scribe = await insertActor(ctx, {
		name: 'Sanne Notulist',
		organisation: 'Schuldhulp',
		kind: 'schuldhulp'
	});
	const observer = await insertActor(ctx, {
		name: 'Otto Waarnemer',
		organisation: 'UWV',
		kind: 'uwv'
	});
	const outsider = await insertActor(ctx, {
		name: 'Xander Buiten',
		organisation: 'GGZ',
		kind: 'ggz'
	});
	const admin = await insertActor(ctx, { name: 'Ada Beheer', role: 'admin' });
	const caseId = await insertCase(ctx, [
		{ userId: owner.id, role: 'owner' },
		{ userId: facilitator.id, role: 'facilitator' },
		{ userId: participant.id, role: 'participant' },
		{ userId: scribe.id, role: 'participant' },
		{ userId: observer.id, role: 'observer' }
	]);
	const categories = await lab.listCategories(t.ctx(owner));
	const barrier = categories.find((c) => c.kind === 'belemmering')!;
	const opportunity = categories.find((c) => c.kind === 'kans')!;
	const as = (actor: Actor | null): Ctx => ({ ...t.ctx(actor), clock: () => clock.now });
	return {
		clock,
		as,
		caseId,
		owner,
		facilitator,
		participant,
		scribe,
		observer,
		outsider,
		admin,
		barrier,
		opportunity
	};
}

export const observationInput = (categoryId: string, text = 'Niemand pakt de regie') => ({
	idempotencyKey: key(),
	kind: 'belemmering' as const,
	text,
	categoryId
});

/** Plans a session on the cast's case as its facilitator, with the scribe set; returns its id. */
export async function planLabSession(
	cast: LabCast,
	fields: { title?: string; goal?: string; scheduledAt?: string } = {}
): Promise<string> {
	const { result } = await lab.planSession(cast.as(cast.facilitator), cast.caseId, {
		idempotencyKey: key(),
		title: fields.title ?? 'Casusoverleg',
		goal: fields.goal,
		scheduledAt: fields.scheduledAt ?? '2026-03-02T10:00:00+01:00',
		scribeId: cast.scribe.id
	});
	return result.sessionId;
}

/** `planLabSession`, then started by the facilitator. */
export async function startLabSession(
	cast: LabCast,
	fields?: Parameters<typeof planLabSession>[1]
): Promise<string> {
	const sessionId = await planLabSession(cast, fields);
	await lab.startSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
	return sessionId;
}
