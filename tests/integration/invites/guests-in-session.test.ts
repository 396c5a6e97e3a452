import { describe, expect, it } from 'vitest';
import { getJourneyRecord } from '$lib/server/journeys';
import * as lab from '$lib/server/lab';
import { drivers, useTestDatabase } from '../../helpers/database';
import { admit, joinInput, makeInvite, redeemAs } from '../../helpers/invites';
import { key, setUpLabCase, startLabSession } from '../../helpers/lab';

const minute = 60_000;

describe.each(drivers)('guests in a Change Lab session on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUp() {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const link = await makeInvite(cast, { maxUses: 5 }, { sessionId });
		const observerLink = await makeInvite(cast, { role: 'observer' }, { sessionId });
		const guest = await admit(
			cast,
			await redeemAs(cast, link.token, joinInput('Karin K.', 'familie'))
		);
		const watcher = await admit(
			cast,
			await redeemAs(cast, observerLink.token, joinInput('Otto Kijker', 'UWV'))
		);
		return { cast, sessionId, guest, watcher };
	}

	it('are present as guests, with the organisation they typed and the role of their link', async () => {
		const { cast, sessionId, guest, watcher } = await setUp();
		await lab.setPresence(cast.as(cast.facilitator), sessionId, {
			idempotencyKey: key(),
			status: 'present'
		});
		for (const who of [guest, watcher]) {
			await lab.setPresence(who.ctx, sessionId, { idempotencyKey: key(), status: 'present' });
		}
		const { participants } = await lab.getSessionState(cast.as(cast.facilitator), sessionId);
		expect(participants).toEqual([
			expect.objectContaining({ name: cast.facilitator.name, role: 'facilitator', guest: false }),
			expect.objectContaining({
				userId: guest.actor.id,
				name: 'Karin K.',
				organisation: 'familie',
				role: 'participant',
				guest: true,
				status: 'present'
			}),
			expect.objectContaining({
				name: 'Otto Kijker',
				organisation: 'UWV',
				role: 'observer',
				guest: true
			})
		]);
	});

	it('a participant guest raises a hand; an observer guest may not', async () => {
		const { sessionId, guest, watcher } = await setUp();
		await expect(
			lab.raiseHand(guest.ctx, sessionId, { idempotencyKey: key() })
		).resolves.toBeDefined();
		await expect(
			lab.raiseHand(watcher.ctx, sessionId, { idempotencyKey: key() })
		).rejects.toMatchObject({ code: 'forbidden' });
	});

	it("the session's journey record lists a guest with their organisation and marks them as guest", async () => {
		const { cast, sessionId, guest } = await setUp();
		await lab.setPresence(guest.ctx, sessionId, { idempotencyKey: key(), status: 'present' });
		cast.clock.advance(30 * minute);
		const ended = await lab.endSession(cast.as(cast.facilitator), sessionId, {
			idempotencyKey: key()
		});
		const { record } = await getJourneyRecord(cast.as(cast.owner), ended.result.recordId);
		expect(record.participants).toEqual([
			expect.objectContaining({
				name: 'Karin K.',
				organisation: 'familie',
				role: 'participant',
				guest: true,
				presentMs: 30 * minute
			})
		]);
		// Their access ended with the session; the record keeps who they were.
		const { participants } = await lab.getSessionState(cast.as(cast.owner), sessionId);
		expect(participants).toEqual([
			expect.objectContaining({ name: 'Karin K.', organisation: 'familie', guest: true })
		]);
	});
});
