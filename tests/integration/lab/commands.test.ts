import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import { labObservations } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import {
	key,
	observationInput,
	setUpLabCase,
	startLabSession,
	type LabCast
} from '../../helpers/lab';

describe.each(drivers)('Change Lab commands on %s', (driver) => {
	const t = useTestDatabase(driver);

	const runningSession = (cast: LabCast) => startLabSession(cast, { goal: 'Vastlopen doorbreken' });

	it('refuses invalid input with the field at fault, and audits it', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const facilitator = cast.as(cast.facilitator);
		const refusals: [unknown, string | undefined, string?][] = [
			[
				{ ...observationInput(cast.barrier.id), text: 'BSN 111222333 van moeder' },
				'text',
				'error_bsn'
			],
			[{ ...observationInput(cast.barrier.id), text: 'x'.repeat(1001) }, 'text', 'error_too_long'],
			[{ ...observationInput(cast.barrier.id), text: '   ' }, 'text', 'error_required'],
			[{ ...observationInput(cast.barrier.id), idempotencyKey: undefined }, 'idempotencyKey'],
			[{ ...observationInput(cast.barrier.id), extra: true }, undefined],
			[
				{ ...observationInput(cast.barrier.id), kind: 'kans' },
				'categoryId',
				'lab_error_category_kind'
			],
			[observationInput('not-a-uuid'), 'categoryId'],
			[{ ...observationInput(cast.barrier.id), raisedById: cast.outsider.id }, 'raisedById'],
			[null, undefined],
			['a string', undefined]
		];
		for (const [input, field, message] of refusals) {
			const error = await lab.recordObservation(facilitator, sessionId, input).catch((e) => e);
			expect(error, JSON.stringify(input)).toMatchObject({ code: 'invalid' });
			if (field) expect(error.field).toBe(field);
			if (message) expect(error.message).toBe(message);
		}
		await expect(
			lab.operateTimer(facilitator, sessionId, { idempotencyKey: key(), op: 'add' })
		).rejects.toMatchObject({ code: 'invalid', field: 'ms' });
		await expect(
			lab.goToStep(facilitator, sessionId, { idempotencyKey: key(), index: 7 })
		).rejects.toMatchObject({ code: 'invalid', field: 'index' });
		await expect(
			lab.planSession(cast.as(cast.owner), cast.caseId, {
				idempotencyKey: key(),
				title: 'Sessie',
				scheduledAt: 'morgen',
				steps: []
			})
		).rejects.toMatchObject({ code: 'invalid' });

		expect(await t.ctx().db.select().from(labObservations)).toEqual([]);
		const invalid = (await listAuditEvents(t.ctx(), { caseId: cast.caseId })).filter(
			(e) => e.outcome === 'invalid'
		);
		expect(invalid.length).toBeGreaterThanOrEqual(refusals.length);
	});

	it('finds nothing of another case or another session', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const otherSessionId = await runningSession(cast);
		const facilitator = cast.as(cast.facilitator);
		const { result: proposal } = await lab.proposeObservation(
			cast.as(cast.participant),
			otherSessionId,
			observationInput(cast.barrier.id)
		);
		const { result: observation } = await lab.recordObservation(
			facilitator,
			otherSessionId,
			observationInput(cast.barrier.id)
		);
		await expect(
			lab.resolveProposal(facilitator, sessionId, {
				idempotencyKey: key(),
				proposalId: proposal.proposalId,
				resolution: { as: 'decline' }
			})
		).rejects.toMatchObject({ code: 'not_found' });
		await expect(
			lab.placeObservation(facilitator, sessionId, {
				idempotencyKey: key(),
				observationId: observation.observationId,
				cell: { row: 'model', column: 'future' }
			})
		).rejects.toMatchObject({ code: 'not_found' });

		const refused = await listAuditEvents(t.ctx(), {
			caseId: cast.caseId,
			action: 'lab.proposal.resolve'
		});
		expect(refused.map((e) => e.outcome)).toEqual(['not_found']);

		// A case the facilitator is no member of, and ids that are not sessions at all.
		const foreignCase = await insertCase(t.ctx(), [{ userId: cast.outsider.id, role: 'owner' }]);
		const { result: foreign } = await lab.planSession(cast.as(cast.outsider), foreignCase, {
			idempotencyKey: key(),
			title: 'Elders',
			scheduledAt: '2026-03-02T10:00:00Z'
		});
		for (const id of [foreign.sessionId, foreignCase, 'not-a-uuid', crypto.randomUUID()]) {
			await expect(
				lab.startSession(facilitator, id, { idempotencyKey: key() })
			).rejects.toMatchObject({ code: 'not_found' });
			await expect(lab.getSessionState(facilitator, id)).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('follows the state machine: planned → running → ended', async () => {
		const cast = await setUpLabCase(t);
		const facilitator = cast.as(cast.facilitator);
		const { result } = await lab.planSession(facilitator, cast.caseId, {
			idempotencyKey: key(),
			title: 'Sessie',
			scheduledAt: '2026-03-02T10:00:00Z'
		});
		const sessionId = result.sessionId;
		const conflict = { code: 'conflict', message: 'lab_error_status' };
		await expect(
			lab.recordObservation(facilitator, sessionId, observationInput(cast.barrier.id))
		).rejects.toMatchObject(conflict);
		await expect(
			lab.endSession(facilitator, sessionId, { idempotencyKey: key() })
		).rejects.toMatchObject(conflict);
		await lab.startSession(facilitator, sessionId, { idempotencyKey: key() });
		await expect(
			lab.startSession(facilitator, sessionId, { idempotencyKey: key() })
		).rejects.toMatchObject(conflict);
		await expect(
			lab.updateSession(facilitator, sessionId, { idempotencyKey: key(), title: 'Later' })
		).rejects.toMatchObject(conflict);
		for (let step = 1; step < 5; step++)
			await lab.nextStep(facilitator, sessionId, { idempotencyKey: key() });
		await expect(
			lab.nextStep(facilitator, sessionId, { idempotencyKey: key() })
		).rejects.toMatchObject({
			code: 'conflict',
			message: 'lab_error_last_step'
		});
		await lab.endSession(facilitator, sessionId, { idempotencyKey: key() });
		await expect(
			lab.setPresence(facilitator, sessionId, { idempotencyKey: key(), status: 'present' })
		).rejects.toMatchObject(conflict);
	});

	it('records a replayed command once and answers it with the same result', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const facilitator = cast.as(cast.facilitator);
		const input = observationInput(cast.barrier.id);
		const first = await lab.recordObservation(facilitator, sessionId, input);
		expect(first.replayed).toBe(false);
		expect(first.events.map((e) => e.name)).toEqual(['lab:observation']);
		const again = await lab.recordObservation(facilitator, sessionId, input);
		expect(again).toEqual({ result: first.result, events: [], replayed: true });
		expect(await t.ctx().db.select().from(labObservations)).toHaveLength(1);

		// The same key for another command is a client error, not a replay.
		await expect(
			lab.proposeObservation(facilitator, sessionId, { ...input })
		).rejects.toMatchObject({ code: 'conflict', field: 'idempotencyKey' });
		// Another actor's key space is their own.
		const scribe = await lab.recordObservation(cast.as(cast.scribe), sessionId, input);
		expect(scribe.replayed).toBe(false);
	});

	it('records concurrent duplicates once, every one answered with the same result', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const input = observationInput(cast.barrier.id);
		const outcomes = await Promise.all(
			Array.from({ length: 6 }, () =>
				lab.recordObservation(cast.as(cast.facilitator), sessionId, input)
			)
		);
		const rows = await t
			.ctx()
			.db.select()
			.from(labObservations)
			.where(eq(labObservations.sessionId, sessionId));
		expect(rows).toHaveLength(1);
		expect(outcomes.map((o) => o.result.observationId)).toEqual(Array(6).fill(rows[0].id));
		expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);

		const raises = await Promise.all(
			Array.from({ length: 4 }, () =>
				lab.raiseHand(cast.as(cast.participant), sessionId, { idempotencyKey: 'hand-raise-1' })
			)
		);
		expect(new Set(raises.map((r) => r.result.handId)).size).toBe(1);
	});

	it('audits every command in the case trail with the session', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		await lab.raiseHand(cast.as(cast.participant), sessionId, { idempotencyKey: key() });
		const events = await listAuditEvents(t.ctx(), { caseId: cast.caseId, action: 'lab' });
		expect(events.map((e) => [e.action, e.outcome, e.actorName])).toEqual([
			['lab.hand.raise', 'success', cast.participant.name],
			['lab.start', 'success', cast.facilitator.name],
			['lab.plan', 'success', cast.facilitator.name]
		]);
		expect(events[0].detail).toMatchObject({ sessionId });
	});
});
