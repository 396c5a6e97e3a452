import { describe, expect, it } from 'vitest';
import type { Actor, Ctx } from '$lib/server/context';
import { changeMemberRole, removeMember } from '$lib/server/cases';
import * as lab from '$lib/server/lab';
import { labEventSchemas } from '$lib/protocol/lab';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';
import { key, observationInput, setUpLabCase, type LabCast } from '../../helpers/lab';
import { caseMembers } from '$lib/server/db/schema';

type Role =
	'owner' | 'sessionFacilitator' | 'otherFacilitator' | 'scribe' | 'participant' | 'observer';
const roles: Role[] = [
	'owner',
	'sessionFacilitator',
	'otherFacilitator',
	'scribe',
	'participant',
	'observer'
];

type Fixture = LabCast & { otherFacilitator: Actor; actors: Record<Role, Actor> };
type Prepared = { sessionId: string; input: Record<string, unknown> };

/** Each command, what it needs in place, and who may send it (everyone else is refused). */
type Case = {
	command: string;
	allowed: Role[];
	prepare(f: Fixture): Promise<Prepared>;
	call(ctx: Ctx, target: string, input: unknown): Promise<unknown>;
};

const leaders: Role[] = ['owner', 'sessionFacilitator'];
const planners: Role[] = ['owner', 'sessionFacilitator', 'otherFacilitator'];
const recorders: Role[] = ['owner', 'sessionFacilitator', 'scribe'];
const takingPart: Role[] = [
	'owner',
	'sessionFacilitator',
	'otherFacilitator',
	'scribe',
	'participant'
];

async function planned(f: Fixture) {
	const { result } = await lab.planSession(f.as(f.facilitator), f.caseId, {
		idempotencyKey: key(),
		title: 'Casusoverleg',
		scheduledAt: '2026-03-02T10:00:00+01:00',
		scribeId: f.scribe.id
	});
	return result.sessionId;
}

async function running(f: Fixture) {
	const sessionId = await planned(f);
	await lab.startSession(f.as(f.facilitator), sessionId, { idempotencyKey: key() });
	return sessionId;
}

const withKey = (input: Record<string, unknown> = {}) => ({ idempotencyKey: key(), ...input });

const cases: Case[] = [
	{
		command: 'lab:plan',
		allowed: planners,
		prepare: async (f) => ({
			sessionId: f.caseId,
			input: withKey({ title: 'Tweede sessie', scheduledAt: '2026-04-01T09:00:00Z' })
		}),
		call: lab.planSession
	},
	{
		command: 'lab:update',
		allowed: planners,
		prepare: async (f) => ({ sessionId: await planned(f), input: withKey({ goal: 'Doorbraak' }) }),
		call: lab.updateSession
	},
	{
		command: 'lab:start',
		allowed: leaders,
		prepare: async (f) => ({ sessionId: await planned(f), input: withKey() }),
		call: lab.startSession
	},
	{
		command: 'lab:step:go',
		allowed: leaders,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey({ index: 2 }) }),
		call: lab.goToStep
	},
	{
		command: 'lab:step:next',
		allowed: leaders,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey() }),
		call: lab.nextStep
	},
	{
		command: 'lab:timer',
		allowed: leaders,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey({ op: 'start' }) }),
		call: lab.operateTimer
	},
	{
		command: 'lab:presence:set',
		allowed: roles,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey({ status: 'present' }) }),
		call: lab.setPresence
	},
	{
		command: 'lab:hand:raise',
		allowed: takingPart,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey() }),
		call: lab.raiseHand
	},
	{
		command: 'lab:hand:lower',
		allowed: takingPart,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey() }),
		call: lab.lowerHand
	},
	{
		command: 'lab:hand:next',
		allowed: leaders,
		prepare: async (f) => {
			const sessionId = await running(f);
			await lab.raiseHand(f.as(f.participant), sessionId, withKey());
			return { sessionId, input: withKey() };
		},
		call: lab.takeNextHand
	},
	{
		command: 'lab:handover',
		allowed: leaders,
		prepare: async (f) => ({
			sessionId: await running(f),
			input: withKey({ userId: f.participant.id })
		}),
		call: lab.handOver
	},
	{
		command: 'lab:observation:record',
		allowed: recorders,
		prepare: async (f) => ({ sessionId: await running(f), input: observationInput(f.barrier.id) }),
		call: lab.recordObservation
	},
	{
		command: 'lab:observation:propose',
		allowed: takingPart,
		prepare: async (f) => ({ sessionId: await running(f), input: observationInput(f.barrier.id) }),
		call: lab.proposeObservation
	},
	{
		command: 'lab:observation:place',
		allowed: recorders,
		prepare: async (f) => {
			const sessionId = await running(f);
			const { result } = await lab.recordObservation(
				f.as(f.facilitator),
				sessionId,
				observationInput(f.barrier.id)
			);
			return {
				sessionId,
				input: withKey({
					observationId: result.observationId,
					cell: { row: 'mirror', column: 'past' }
				})
			};
		},
		call: lab.placeObservation
	},
	{
		command: 'lab:proposal:resolve',
		allowed: leaders,
		prepare: async (f) => {
			const sessionId = await running(f);
			const { result } = await lab.proposeObservation(
				f.as(f.participant),
				sessionId,
				observationInput(f.barrier.id)
			);
			return {
				sessionId,
				input: withKey({ proposalId: result.proposalId, resolution: { as: 'decline' } })
			};
		},
		call: lab.resolveProposal
	},
	{
		command: 'lab:end',
		allowed: leaders,
		prepare: async (f) => ({ sessionId: await running(f), input: withKey() }),
		call: lab.endSession
	}
];

describe.each(drivers)('Change Lab rights on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUp(): Promise<Fixture> {
		const cast = await setUpLabCase(t);
		const otherFacilitator = await insertActor(t.ctx(), { name: 'Frits Facilitator' });
		await t.ctx().db.insert(caseMembers).values({
			caseId: cast.caseId,
			userId: otherFacilitator.id,
			role: 'facilitator'
		});
		const actors: Record<Role, Actor> = {
			owner: cast.owner,
			sessionFacilitator: cast.facilitator,
			otherFacilitator,
			scribe: cast.scribe,
			participant: cast.participant,
			observer: cast.observer
		};
		return { ...cast, otherFacilitator, actors };
	}

	it('covers every command of the protocol', async () => {
		const { labCommandSchemas } = await import('$lib/protocol/lab');
		expect(cases.map((c) => c.command).sort()).toEqual(Object.keys(labCommandSchemas).sort());
	});

	it.each(cases)('$command: allowed to exactly its roles, not found for outsiders', async (c) => {
		const f = await setUp();
		for (const role of roles) {
			const { sessionId, input } = await c.prepare(f);
			const attempt = c.call(f.as(f.actors[role]), sessionId, input);
			if (c.allowed.includes(role)) {
				// Every event it returns matches the payload schema clients check it with.
				const { events } = (await attempt) as lab.CommandOutcome<unknown>;
				for (const event of events) labEventSchemas[event.name].parse(event.payload);
			} else await expect(attempt, role).rejects.toMatchObject({ code: 'forbidden' });
		}
		const { sessionId, input } = await c.prepare(f);
		await expect(c.call(f.as(f.outsider), sessionId, input)).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(c.call(f.as(null), sessionId, input)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('moves the right to run the session with the facilitator role at once', async () => {
		const f = await setUp();
		const sessionId = await running(f);
		await lab.handOver(f.as(f.facilitator), sessionId, withKey({ userId: f.participant.id }));
		await expect(lab.nextStep(f.as(f.facilitator), sessionId, withKey())).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(lab.nextStep(f.as(f.participant), sessionId, withKey())).resolves.toMatchObject({
			result: { currentStep: 1 }
		});
	});

	it('refuses a member whose access ended or whose role was lowered, at their next command', async () => {
		const f = await setUp();
		const sessionId = await running(f);
		await lab.raiseHand(f.as(f.participant), sessionId, withKey());
		await removeMember(f.as(f.owner), f.caseId, f.participant.id);
		await expect(lab.lowerHand(f.as(f.participant), sessionId, withKey())).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(lab.getSessionState(f.as(f.participant), sessionId)).rejects.toMatchObject({
			code: 'not_found'
		});
		// The session's facilitator made observer of the case steers nothing any more.
		await changeMemberRole(f.as(f.owner), f.caseId, f.facilitator.id, 'observer');
		await expect(lab.nextStep(f.as(f.facilitator), sessionId, withKey())).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('hands the facilitator role only to a member with edit rights', async () => {
		const f = await setUp();
		const sessionId = await running(f);
		for (const userId of [f.observer.id, f.outsider.id]) {
			await expect(
				lab.handOver(f.as(f.facilitator), sessionId, withKey({ userId }))
			).rejects.toMatchObject({ code: 'invalid', field: 'userId' });
		}
	});

	it('names as scribe only a member with edit rights', async () => {
		const f = await setUp();
		await expect(
			lab.planSession(f.as(f.owner), f.caseId, {
				...withKey({ title: 'Sessie', scheduledAt: '2026-03-02T10:00:00Z' }),
				scribeId: f.observer.id
			})
		).rejects.toMatchObject({ code: 'invalid', field: 'scribeId' });
	});
});
