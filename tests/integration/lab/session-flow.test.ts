import { describe, expect, it } from 'vitest';
import * as lab from '$lib/server/lab';
import { drivers, useTestDatabase } from '../../helpers/database';
import { key, observationInput, setUpLabCase, startLabSession } from '../../helpers/lab';

const minute = 60_000;

describe.each(drivers)('a Change Lab session as it runs, on %s', (driver) => {
	const t = useTestDatabase(driver);

	it('plans the Change Lab agenda by default, and edits and reorders it while planned', async () => {
		const cast = await setUpLabCase(t);
		const planner = cast.as(cast.owner);
		const { result, events } = await lab.planSession(planner, cast.caseId, {
			idempotencyKey: key(),
			title: 'Eerste sessie',
			scheduledAt: '2026-03-02T10:00:00Z'
		});
		expect(events[0].name).toBe('lab:session');
		const planned = await lab.getSessionState(planner, result.sessionId);
		expect(planned.session.steps.map((s) => [s.title.split(':')[0], s.minutes])).toEqual([
			['Spiegelen', 20],
			['Analyse', 30],
			['Doorbraak en nieuw model', 30],
			['Plan en afspraken', 30],
			['Terugblik', 10]
		]);
		expect(planned.session).toMatchObject({
			status: 'planned',
			facilitator: { userId: cast.owner.id }
		});

		const reordered = [...planned.session.steps]
			.reverse()
			.map(({ title, minutes }) => ({ title, minutes }));
		reordered[0] = { title: 'Terugblik op vorige sessie', minutes: 15 };
		await lab.updateSession(planner, result.sessionId, {
			idempotencyKey: key(),
			steps: reordered,
			scribeId: cast.scribe.id
		});
		const updated = await lab.getSessionState(planner, result.sessionId);
		expect(updated.session.steps.map((s) => s.title)).toEqual(reordered.map((s) => s.title));
		expect(updated.session.scribe).toEqual({ userId: cast.scribe.id, name: cast.scribe.name });
		expect(updated.session.revision).toBeGreaterThan(planned.session.revision);

		const template = await lab.saveAgendaTemplate(planner, result.sessionId, {
			name: 'Vervolgsessie'
		});
		const templates = await lab.listAgendaTemplates(cast.as(cast.participant));
		expect(templates.map((t) => t.name)).toEqual(['Change Lab', 'Vervolgsessie']);
		expect(templates[1]).toMatchObject({ id: template.id, steps: reordered });
		await expect(
			lab.saveAgendaTemplate(cast.as(cast.participant), result.sessionId, { name: 'Eigen' })
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('keeps the timer as stored times, so that a restart carries on where it was', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const facilitator = cast.as(cast.facilitator);
		const started = await lab.operateTimer(facilitator, sessionId, {
			idempotencyKey: key(),
			op: 'start'
		});
		expect(started.result.endsAt).toBe(
			new Date(cast.clock.now.getTime() + 20 * minute).toISOString()
		);

		cast.clock.advance(5 * minute);
		await lab.operateTimer(facilitator, sessionId, { idempotencyKey: key(), op: 'pause' });
		cast.clock.advance(10 * minute); // paused: nothing runs off
		await lab.operateTimer(facilitator, sessionId, { idempotencyKey: key(), op: 'resume' });
		await lab.operateTimer(facilitator, sessionId, {
			idempotencyKey: key(),
			op: 'add',
			ms: 2 * minute
		});
		cast.clock.advance(3 * minute);

		// "Restart": a new context on the same database, later; nothing held in memory.
		const afterRestart = cast.as(cast.participant);
		const { session } = await lab.getSessionState(afterRestart, sessionId);
		expect(session.steps[0].timer).toEqual({
			status: 'running',
			endsAt: new Date(cast.clock.now.getTime() + 14 * minute).toISOString(),
			remainingMs: 14 * minute
		});
		expect(session.steps[0].spentMs).toBe(18 * minute);
		expect(session.serverNow).toBe(cast.clock.now.toISOString());

		// Moving on banks the time spent and pauses what was left of the countdown.
		await lab.nextStep(facilitator, sessionId, { idempotencyKey: key() });
		cast.clock.advance(7 * minute);
		const later = await lab.getSessionState(afterRestart, sessionId);
		expect(later.session.currentStep).toBe(1);
		expect(later.session.steps[0]).toMatchObject({
			spentMs: 18 * minute,
			timer: { status: 'paused', remainingMs: 14 * minute }
		});
		expect(later.session.steps[1]).toMatchObject({
			spentMs: 7 * minute,
			timer: { status: 'idle', remainingMs: 30 * minute }
		});
		await expect(
			lab.operateTimer(facilitator, sessionId, { idempotencyKey: key(), op: 'pause' })
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('shows who is present with organisation and role, and adds up their time present', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const set = (actor: typeof cast.owner, status: 'present' | 'away' | 'left') =>
			lab.setPresence(cast.as(actor), sessionId, { idempotencyKey: key(), status });
		await set(cast.participant, 'present');
		await set(cast.observer, 'present');
		cast.clock.advance(10 * minute);
		await set(cast.participant, 'away');
		cast.clock.advance(5 * minute);
		await set(cast.participant, 'present');
		await set(cast.participant, 'present'); // a second tab: the stretch runs on
		cast.clock.advance(2 * minute);
		const { events } = await set(cast.observer, 'left');
		expect(events[0].name).toBe('lab:presence');
		const participants = events[0].name === 'lab:presence' ? events[0].payload.participants : [];
		// Who joined first comes first; at the same moment, by name.
		expect(participants).toEqual([
			{
				userId: cast.observer.id,
				name: cast.observer.name,
				organisation: 'UWV',
				role: 'observer',
				guest: false,
				status: 'left',
				presentMs: 17 * minute
			},
			{
				userId: cast.participant.id,
				name: cast.participant.name,
				organisation: 'Jeugdzorg Flevoland',
				role: 'participant',
				guest: false,
				status: 'present',
				presentMs: 12 * minute
			}
		]);
	});

	it('queues raised hands in order and gives the word to the first', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const raise = (actor: typeof cast.owner) =>
			lab.raiseHand(cast.as(actor), sessionId, { idempotencyKey: key() });
		await raise(cast.scribe);
		cast.clock.advance(1000);
		await raise(cast.participant);
		await raise(cast.scribe); // already up: keeps its place
		await raise(cast.owner);
		await lab.lowerHand(cast.as(cast.owner), sessionId, { idempotencyKey: key() });
		const taken = await lab.takeNextHand(cast.as(cast.facilitator), sessionId, {
			idempotencyKey: key()
		});
		expect(taken.result.userId).toBe(cast.scribe.id);
		const event = taken.events[0];
		expect(event.name === 'lab:hands' && event.payload.taken?.userId).toBe(cast.scribe.id);
		expect(event.name === 'lab:hands' && event.payload.queue.map((h) => h.userId)).toEqual([
			cast.participant.id
		]);
		await lab.takeNextHand(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
		await expect(
			lab.takeNextHand(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() })
		).rejects.toMatchObject({ code: 'conflict', message: 'lab_error_no_hands' });
	});

	it('lets proposals be accepted with edits, merged or declined, and shows the proposer what happened', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const facilitator = cast.as(cast.facilitator);
		const participant = cast.as(cast.participant);
		const { result: recorded } = await lab.recordObservation(facilitator, sessionId, {
			...observationInput(cast.barrier.id, 'Jeugdzorg en gemeente oneens over wie betaalt'),
			organisationId: cast.participant.organisationId,
			planItemId: 'item-1',
			raisedByName: 'Moeder'
		});
		const propose = async (text: string) =>
			(
				await lab.proposeObservation(
					participant,
					sessionId,
					observationInput(cast.barrier.id, text)
				)
			).result.proposalId;
		const first = await propose('Geen budget om snel te handelen');
		const second = await propose('Wie betaalt de taxi?');
		const third = await propose('Het is allemaal lastig');
		const { result: otherProposal, events: proposed } = await lab.proposeObservation(
			cast.as(cast.scribe),
			sessionId,
			observationInput(cast.barrier.id, 'Wachtlijst')
		);
		expect(proposed[0].audience.userIds?.sort()).toEqual(
			[cast.scribe.id, cast.facilitator.id, cast.owner.id].sort()
		);

		const resolve = (proposalId: string, resolution: unknown, note?: string) =>
			lab.resolveProposal(facilitator, sessionId, {
				idempotencyKey: key(),
				proposalId,
				resolution,
				note
			});
		const accepted = await resolve(first, {
			as: 'accept',
			edits: { kind: 'kans', categoryId: cast.opportunity.id, text: 'Maatwerkbudget inzetten' }
		});
		await resolve(second, { as: 'merge', observationId: recorded.observationId });
		await resolve(third, { as: 'decline' }, 'Te algemeen');
		await expect(resolve(third, { as: 'decline' })).rejects.toMatchObject({ code: 'conflict' });
		await lab.placeObservation(facilitator, sessionId, {
			idempotencyKey: key(),
			observationId: recorded.observationId,
			cell: { row: 'mirror', column: 'present' }
		});

		const seen = await lab.getSessionState(participant, sessionId);
		expect(seen.proposals.map((p) => [p.text, p.status, p.note])).toEqual([
			['Geen budget om snel te handelen', 'accepted', null],
			['Wie betaalt de taxi?', 'merged', null],
			['Het is allemaal lastig', 'declined', 'Te algemeen']
		]);
		expect(seen.proposals[0].observationId).toBe(accepted.result.observationId);
		expect(seen.proposals[1].observationId).toBe(recorded.observationId);
		expect(seen.observations.map((o) => [o.kind, o.text, o.raisedBy.name, o.cell])).toEqual([
			[
				'belemmering',
				'Jeugdzorg en gemeente oneens over wie betaalt',
				'Moeder',
				{ row: 'mirror', column: 'present' }
			],
			['kans', 'Maatwerkbudget inzetten', cast.participant.name, null]
		]);
		expect(seen.observations[0]).toMatchObject({
			planItemId: 'item-1',
			organisation: { name: 'Jeugdzorg Flevoland' },
			fromProposalIds: [second]
		});
		expect(seen.rights).toMatchObject({
			proposeObservation: true,
			runSession: false,
			recordObservation: false
		});

		const all = await lab.getSessionState(facilitator, sessionId);
		expect(all.proposals.map((p) => p.id)).toContain(otherProposal.proposalId);
		expect(all.proposals).toHaveLength(4);
		const observerView = await lab.getSessionState(cast.as(cast.observer), sessionId);
		expect(observerView.proposals).toEqual([]);
		expect(observerView.observations).toHaveLength(2);
		expect(observerView.rights).toMatchObject({
			read: true,
			raiseHand: false,
			proposeObservation: false
		});
	});

	it('lets administrators, and only them, manage the categories', async () => {
		const cast = await setUpLabCase(t);
		const admin = cast.as(cast.admin);
		const seeded = await lab.listCategories(admin);
		expect(seeded.filter((c) => c.kind === 'belemmering')).toHaveLength(11);
		expect(seeded.filter((c) => c.kind === 'kans')).toHaveLength(11);

		const created = await lab.createCategory(admin, {
			kind: 'kans',
			label: 'Wijkteam met mandaat'
		});
		await lab.renameCategory(admin, { id: created.id, label: 'Wijkteam met eigen budget' });
		await expect(
			lab.createCategory(admin, { kind: 'kans', label: 'Wijkteam met eigen budget' })
		).rejects.toMatchObject({ code: 'conflict' });
		await lab.setCategoryActive(admin, { id: cast.barrier.id, active: false });
		const active = await lab.listCategories(cast.as(cast.owner));
		expect(active.map((c) => c.label)).toContain('Wijkteam met eigen budget');
		expect(active.map((c) => c.id)).not.toContain(cast.barrier.id);
		expect((await lab.listCategories(admin, { includeInactive: true })).map((c) => c.id)).toContain(
			cast.barrier.id
		);

		const sessionId = await startLabSession(cast);
		await expect(
			lab.recordObservation(cast.as(cast.facilitator), sessionId, observationInput(cast.barrier.id))
		).rejects.toMatchObject({ code: 'invalid', field: 'categoryId' });
		for (const attempt of [
			() => lab.createCategory(cast.as(cast.owner), { kind: 'kans', label: 'Eigen' }),
			() => lab.renameCategory(cast.as(cast.owner), { id: created.id, label: 'Eigen' }),
			() => lab.setCategoryActive(cast.as(cast.owner), { id: created.id, active: false })
		]) {
			await expect(attempt()).rejects.toMatchObject({ code: 'forbidden' });
		}
		await expect(lab.createCategory(admin, { kind: 'idee', label: 'x' })).rejects.toMatchObject({
			code: 'invalid'
		});
	});
});
