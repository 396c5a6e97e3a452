import { randomUUID } from 'node:crypto';
import { dutchTimeToIso, isoToDutchTime } from '../../schemas/dutch-time';
import type { Ctx } from '../context';
import * as lab from '../lab';
import type { DemoLabCommand, DemoLabStep, DemoObservation } from './story';

export type PlannedAt = Extract<DemoLabCommand, { plan: unknown }>['plan']['at'];

/** What a story's sessions are called in the story, and what they became in the database. */
export type SessionRefs = {
	sessions: Map<string, string>;
	observations: Map<string, string>;
	proposals: Map<string, string>;
	categories: Map<string, string>;
};

export async function newSessionRefs(ctx: Ctx): Promise<SessionRefs> {
	const categories = await lab.listCategories(ctx);
	return {
		sessions: new Map(),
		observations: new Map(),
		proposals: new Map(),
		categories: new Map(categories.map((c) => [`${c.kind}:${c.label}`, c.id]))
	};
}

/**
 * Makes one Change Lab command as the member in `ctx` would from the live view, at ctx's
 * clock. `scheduledAt` turns a story's `at` into the session's planned time (ISO).
 */
export async function writeLabStep(
	ctx: Ctx,
	caseId: string,
	step: DemoLabStep,
	refs: SessionRefs,
	scheduledAt: (at: PlannedAt) => string
): Promise<void> {
	const idempotencyKey = randomUUID();
	if ('plan' in step) {
		const { title, goal, scribe, at } = step.plan;
		const { result } = await lab.planSession(ctx, caseId, {
			idempotencyKey,
			title,
			goal,
			scheduledAt: scheduledAt(at),
			scribeId: scribe
		});
		refs.sessions.set(step.session, result.sessionId);
		return;
	}
	const sessionId = required(refs.sessions, step.session, 'session');
	if ('presence' in step) {
		await lab.setPresence(ctx, sessionId, { idempotencyKey, status: step.presence });
	} else if ('start' in step) {
		await lab.startSession(ctx, sessionId, { idempotencyKey });
	} else if ('next' in step) {
		await lab.nextStep(ctx, sessionId, { idempotencyKey });
	} else if ('timer' in step) {
		await lab.operateTimer(ctx, sessionId, { idempotencyKey, op: step.timer });
	} else if ('raiseHand' in step) {
		await lab.raiseHand(ctx, sessionId, { idempotencyKey });
	} else if ('takeHand' in step) {
		await lab.takeNextHand(ctx, sessionId, { idempotencyKey });
	} else if ('observe' in step) {
		const { result } = await lab.recordObservation(ctx, sessionId, {
			idempotencyKey,
			...observationFields(step.observe, refs)
		});
		refs.observations.set(step.observe.ref, result.observationId);
	} else if ('propose' in step) {
		const { result } = await lab.proposeObservation(ctx, sessionId, {
			idempotencyKey,
			...observationFields(step.propose, refs)
		});
		refs.proposals.set(step.propose.ref, result.proposalId);
	} else if ('resolve' in step) {
		const { proposal, as, note } = step.resolve;
		const { result } = await lab.resolveProposal(ctx, sessionId, {
			idempotencyKey,
			proposalId: required(refs.proposals, proposal, 'proposal'),
			resolution:
				typeof as === 'string'
					? { as }
					: { as: 'merge', observationId: required(refs.observations, as.merge, 'observation') },
			note
		});
		if (as === 'accept' && result.observationId) {
			refs.observations.set(proposal, result.observationId);
		}
	} else if ('place' in step) {
		await lab.placeObservation(ctx, sessionId, {
			idempotencyKey,
			observationId: required(refs.observations, step.place.observation, 'observation'),
			cell: step.place.cell
		});
	} else {
		await lab.endSession(ctx, sessionId, { idempotencyKey });
	}
}

function observationFields(observation: DemoObservation, refs: SessionRefs) {
	return {
		kind: observation.kind,
		text: observation.text,
		categoryId: required(
			refs.categories,
			`${observation.kind}:${observation.category}`,
			'category'
		),
		planItemId: observation.planItem ?? null,
		organisationId: observation.organisation ?? null
	};
}

function required(map: Map<string, string>, name: string, what: string): string {
	const value = map.get(name);
	if (!value) throw new Error(`demo story: no ${what} ${name}`);
	return value;
}

/**
 * Today in Dutch time at the next full hour, but not before 10:00; late in the evening, the
 * current hour (so it is still today).
 */
export function todayAtTheNextHour(now: Date): string {
	const { date, time } = isoToDutchTime(now);
	const hour = Number(time.slice(0, 2));
	const planned = hour >= 23 ? hour : Math.max(10, hour + 1);
	return dutchTimeToIso(date, `${String(planned).padStart(2, '0')}:00`)!;
}
