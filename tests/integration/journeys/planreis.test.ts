import { describe, expect, it } from 'vitest';
import { getPlanJourney } from '$lib/server/journeys';
import * as lab from '$lib/server/lab';
import { drivers, useTestDatabase } from '../../helpers/database';
import { key, setUpLabCase, type LabCast } from '../../helpers/lab';

const minute = 60_000;
const day = 24 * 60 * minute;

describe.each(drivers)('the planreis timeline, on %s', (driver) => {
	const t = useTestDatabase(driver);

	/** A session of `minutes` with the facilitator and the participant present from the start. */
	async function holdSession(cast: LabCast, title: string, minutes: number) {
		const facilitator = cast.as(cast.facilitator);
		const { result } = await lab.planSession(facilitator, cast.caseId, {
			idempotencyKey: key(),
			title,
			scheduledAt: cast.clock.now.toISOString()
		});
		await lab.startSession(facilitator, result.sessionId, { idempotencyKey: key() });
		for (const person of [cast.facilitator, cast.participant]) {
			await lab.setPresence(cast.as(person), result.sessionId, {
				idempotencyKey: key(),
				status: 'present'
			});
		}
		cast.clock.advance(minutes * minute);
		await lab.endSession(facilitator, result.sessionId, { idempotencyKey: key() });
	}

	it('gives each session its duration and who took part, for the timeline page', async () => {
		const cast = await setUpLabCase(t);
		await holdSession(cast, 'Eerste sessie', 95);
		cast.clock.advance(12 * day);
		await holdSession(cast, 'Tweede sessie', 60);

		const journey = await getPlanJourney(cast.as(cast.participant), cast.caseId);
		expect(
			journey.stops.map((stop) => [stop.title, stop.durationMs, stop.daysSincePrevious])
		).toEqual([
			['Eerste sessie', 95 * minute, null],
			['Tweede sessie', 60 * minute, 12]
		]);
		expect(
			journey.stops[1].participants.map(({ name, organisation, presentMs }) => ({
				name,
				organisation,
				presentMs
			}))
		).toEqual([
			{ name: cast.facilitator.name, organisation: 'Gemeente Lelystad', presentMs: 60 * minute },
			{ name: cast.participant.name, organisation: 'Jeugdzorg Flevoland', presentMs: 60 * minute }
		]);
	});
});
