import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseDocumentTypes, readPlanItems } from '$lib/protocol/case-document';
import { caseDocumentName } from '$lib/protocol/collab';
import { deleteCase } from '$lib/server/cases';
import { listCaseVersions } from '$lib/server/collab';
import { cases, journeyAddenda, journeyRecords } from '$lib/server/db/schema';
import { addJourneyAddendum, getJourneyRecord, getPlanJourney } from '$lib/server/journeys';
import * as lab from '$lib/server/lab';
import { addPlanItem } from '$lib/state/plan-items';
import { caseContent } from '../../helpers/case-edits';
import { drivers, useTestDatabase } from '../../helpers/database';
import {
	key,
	observationInput,
	planLabSession,
	setUpLabCase,
	startLabSession,
	type LabCast
} from '../../helpers/lab';
import { useRealtimeServer, waitFor, waitForSync, type Client } from '../../helpers/realtime';

const minute = 60_000;

describe.each(drivers)('journey records on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	const plannedSession = (cast: LabCast, title?: string) =>
		planLabSession(cast, { title, scheduledAt: cast.clock.now.toISOString() });
	const runningSession = (cast: LabCast, title?: string) =>
		startLabSession(cast, { title, scheduledAt: cast.clock.now.toISOString() });

	/** Waits until the server has stored everything the client has. */
	async function settled(client: Client, caseId: string) {
		const live = await realtime.server.app.documents.open(caseDocumentName(caseId), caseId);
		try {
			await waitFor(
				() =>
					Buffer.from(Y.encodeStateVector(live.doc)).equals(
						Buffer.from(Y.encodeStateVector(client.doc))
					) && caseContent(live.doc) === caseContent(client.doc)
			);
		} finally {
			realtime.server.app.documents.release(live);
		}
	}

	function setItem(
		types: ReturnType<typeof caseDocumentTypes>,
		id: string,
		fields: Record<string, unknown>
	) {
		const item = types.planItems.get(id)!;
		for (const [field, value] of Object.entries(fields)) {
			const current = item.get(field);
			if (current instanceof Y.Text) {
				current.delete(0, current.length);
				current.insert(0, String(value));
			} else item.set(field, value);
		}
	}

	it('writes one record of what happened, with the plan difference made in the live document', async () => {
		await realtime.start();
		const cast = await setUpLabCase(t);
		const client = await realtime.connect(cast.caseId, cast.participant);
		await waitForSync(client);
		const types = caseDocumentTypes(client.doc);
		const items = () => readPlanItems(types.planItems);
		const kept = addPlanItem(types.planItems, items());
		setItem(types, kept, {
			action: 'Schuldhulp aanvragen',
			organisation: 'Schuldhulp',
			person: 'Sanne'
		});
		const dropped = addPlanItem(types.planItems, items());
		setItem(types, dropped, { action: 'Standaard begeleiding' });
		types.breakthroughText.insert(0, 'Gezin blijft in de woning');
		await settled(client, cast.caseId);

		const sessionId = await plannedSession(cast);
		const facilitator = cast.as(cast.facilitator);
		await lab.setPresence(cast.as(cast.participant), sessionId, {
			idempotencyKey: key(),
			status: 'present'
		});
		cast.clock.advance(5 * minute); // waiting for the start does not count as time present
		await lab.startSession(facilitator, sessionId, { idempotencyKey: key() });
		await lab.setPresence(facilitator, sessionId, { idempotencyKey: key(), status: 'present' });
		cast.clock.advance(20 * minute);
		await lab.nextStep(facilitator, sessionId, { idempotencyKey: key() });
		const { result: barrier } = await lab.recordObservation(facilitator, sessionId, {
			...observationInput(cast.barrier.id, 'Gemeente en jeugdzorg oneens over wie betaalt'),
			planItemId: kept
		});
		const { result: proposal } = await lab.proposeObservation(
			cast.as(cast.participant),
			sessionId,
			observationInput(cast.barrier.id, 'Wie betaalt de schuldhulp?')
		);
		await lab.resolveProposal(facilitator, sessionId, {
			idempotencyKey: key(),
			proposalId: proposal.proposalId,
			resolution: { as: 'merge', observationId: barrier.observationId }
		});

		// During the session the plan changes in the live document.
		setItem(types, kept, { status: 'ingediend', dueDate: '2026-04-01' });
		types.planItems.delete(dropped);
		const added = addPlanItem(types.planItems, items());
		setItem(types, added, {
			action: 'Maatwerkbudget inzetten',
			organisation: 'Gemeente Lelystad',
			person: 'Olga',
			dueDate: '2026-03-15'
		});
		types.breakthrough.set('agreedOn', '2026-03-02');
		await settled(client, cast.caseId);
		cast.clock.advance(25 * minute);

		const ended = await lab.endSession(facilitator, sessionId, { idempotencyKey: key() });
		expect(ended.events.map((e) => e.name)).toEqual(['lab:session', 'lab:ended']);
		const { record, addenda } = await getJourneyRecord(
			cast.as(cast.observer),
			ended.result.recordId
		);
		expect(addenda).toEqual([]);
		expect(record.schemaVersion).toBe(1);
		expect(record.session).toMatchObject({
			id: sessionId,
			title: 'Casusoverleg',
			durationMs: 45 * minute,
			facilitator: { userId: cast.facilitator.id },
			scribe: { userId: cast.scribe.id }
		});
		// In the order they arrived.
		expect(record.participants).toEqual([
			expect.objectContaining({
				name: cast.participant.name,
				organisation: 'Jeugdzorg Flevoland',
				role: 'participant',
				presentMs: 45 * minute
			}),
			expect.objectContaining({
				name: cast.facilitator.name,
				role: 'facilitator',
				presentMs: 45 * minute
			})
		]);
		expect(record.steps.map((s) => s.spentMs)).toEqual([20 * minute, 25 * minute, 0, 0, 0]);
		expect(record.observations).toEqual([
			expect.objectContaining({
				text: 'Gemeente en jeugdzorg oneens over wie betaalt',
				planItemAction: 'Schuldhulp aanvragen',
				proposalIds: [proposal.proposalId]
			})
		]);
		expect(record.proposals).toEqual([
			expect.objectContaining({
				status: 'merged',
				observationId: barrier.observationId,
				category: { id: cast.barrier.id, label: cast.barrier.label }
			})
		]);
		const difference = record.plan.difference;
		expect(difference.added.map((i) => i.action)).toEqual(['Maatwerkbudget inzetten']);
		expect(difference.removed.map((i) => i.action)).toEqual(['Standaard begeleiding']);
		expect(difference.changed).toEqual([
			{
				id: kept,
				action: 'Schuldhulp aanvragen',
				fields: [
					{ field: 'dueDate', before: '', after: '2026-04-01' },
					{ field: 'status', before: 'concept', after: 'ingediend' }
				]
			}
		]);
		expect(difference.breakthrough).toMatchObject({
			changed: true,
			after: { agreedOn: '2026-03-02' }
		});
		expect(record.agreements).toEqual([
			expect.objectContaining({
				action: 'Schuldhulp aanvragen',
				organisation: 'Schuldhulp',
				person: 'Sanne',
				dueDate: '2026-04-01'
			}),
			expect.objectContaining({
				action: 'Maatwerkbudget inzetten',
				organisation: 'Gemeente Lelystad',
				person: 'Olga',
				dueDate: '2026-03-15'
			})
		]);
		const { versions } = await listCaseVersions(cast.as(cast.owner), cast.caseId);
		expect(versions.map((v) => v.reason).sort()).toEqual(['lab_session_end', 'lab_session_start']);
	});

	it('writes exactly one record when two facilitators end the session at the same moment', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const outcomes = await Promise.allSettled([
			lab.endSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() }),
			lab.endSession(cast.as(cast.owner), sessionId, { idempotencyKey: key() }),
			lab.endSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() })
		]);
		const records = await t
			.ctx()
			.db.select()
			.from(journeyRecords)
			.where(eq(journeyRecords.sessionId, sessionId));
		expect(records).toHaveLength(1);
		expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
		for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
			expect((outcome as PromiseRejectedResult).reason).toMatchObject({
				code: 'conflict',
				message: 'lab_error_status'
			});
		}
		const { versions } = await listCaseVersions(cast.as(cast.owner), cast.caseId);
		expect(versions.filter((v) => v.reason === 'lab_session_end')).toHaveLength(1);
	});

	it('refuses any change to a record or an addendum in the database; corrections are addenda', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const { result } = await lab.endSession(cast.as(cast.facilitator), sessionId, {
			idempotencyKey: key()
		});
		const db = t.ctx().db;
		await expect(
			db
				.update(journeyRecords)
				.set({ record: { forged: true } })
				.where(eq(journeyRecords.id, result.recordId))
		).rejects.toThrow();
		await expect(
			db.delete(journeyRecords).where(eq(journeyRecords.id, result.recordId))
		).rejects.toThrow();
		await expect(db.execute(sql`truncate journey_records cascade`)).rejects.toThrow();

		cast.clock.advance(24 * 60 * minute);
		const addendum = await addJourneyAddendum(cast.as(cast.owner), result.recordId, {
			text: 'Piet was ook aanwezig namens het wijkteam.'
		});
		await expect(
			addJourneyAddendum(cast.as(cast.participant), result.recordId, { text: 'Niet waar' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			addJourneyAddendum(cast.as(cast.owner), result.recordId, { text: 'BSN 111222333' })
		).rejects.toMatchObject({ code: 'invalid', message: 'error_bsn' });
		await expect(
			db.update(journeyAddenda).set({ text: 'anders' }).where(eq(journeyAddenda.id, addendum.id))
		).rejects.toThrow();
		await expect(
			db.delete(journeyAddenda).where(eq(journeyAddenda.id, addendum.id))
		).rejects.toThrow();
		const { addenda } = await getJourneyRecord(cast.as(cast.participant), result.recordId);
		expect(addenda).toEqual([
			expect.objectContaining({
				text: 'Piet was ook aanwezig namens het wijkteam.',
				authorName: cast.owner.name,
				createdAt: cast.clock.now
			})
		]);
		await expect(getJourneyRecord(cast.as(cast.outsider), result.recordId)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('deletes the records with their case: deletion really deletes', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await runningSession(cast);
		const { result } = await lab.endSession(cast.as(cast.facilitator), sessionId, {
			idempotencyKey: key()
		});
		await addJourneyAddendum(cast.as(cast.owner), result.recordId, { text: 'Aanvulling' });
		const [{ code }] = await t
			.ctx()
			.db.select({ code: cases.code })
			.from(cases)
			.where(eq(cases.id, cast.caseId));
		await deleteCase(cast.as(cast.owner), cast.caseId, { confirmCode: code });
		expect(await t.ctx().db.select().from(journeyRecords)).toEqual([]);
		expect(await t.ctx().db.select().from(journeyAddenda)).toEqual([]);
	});

	it('shows the planreis: every record in order, days between sessions and since the doorbraak', async () => {
		await realtime.start();
		const cast = await setUpLabCase(t);
		const client = await realtime.connect(cast.caseId, cast.owner);
		await waitForSync(client);
		const types = caseDocumentTypes(client.doc);
		types.breakthrough.set('agreedOn', '2026-02-20');
		await settled(client, cast.caseId);

		const first = await runningSession(cast, 'Eerste sessie');
		await lab.recordObservation(cast.as(cast.facilitator), first, {
			...observationInput(cast.opportunity.id, 'Maatwerkbudget beschikbaar'),
			kind: 'kans'
		});
		cast.clock.advance(60 * minute);
		await lab.endSession(cast.as(cast.facilitator), first, { idempotencyKey: key() });
		cast.clock.advance(14 * 24 * 60 * minute);
		const second = await runningSession(cast, 'Tweede sessie');
		cast.clock.advance(60 * minute);
		await lab.endSession(cast.as(cast.owner), second, { idempotencyKey: key() });
		cast.clock.advance(2 * 24 * 60 * minute);

		const journey = await getPlanJourney(cast.as(cast.observer), cast.caseId);
		expect(journey.breakthroughAgreedOn).toBe('2026-02-20');
		expect(journey.daysSinceBreakthrough).toBe(26); // 2026-02-20 → 2026-03-18
		expect(
			journey.stops.map((s) => [s.title, s.daysSincePrevious, s.daysSinceBreakthrough])
		).toEqual([
			['Eerste sessie', null, 10],
			['Tweede sessie', 14, 24]
		]);
		expect(journey.stops[0].observations.map((o) => o.text)).toEqual([
			'Maatwerkbudget beschikbaar'
		]);
		expect(journey.stops[1].difference.added).toEqual([]);
		await expect(getPlanJourney(cast.as(cast.outsider), cast.caseId)).rejects.toMatchObject({
			code: 'not_found'
		});
	});
});
