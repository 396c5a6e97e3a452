import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { guests, invites, users } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { previewInvite, revokeInvite, validateGuest } from '$lib/server/invites';
import { drivers, useTestDatabase } from '../../helpers/database';
import { joinInput, makeInvite, redeemAs } from '../../helpers/invites';
import { key, setUpLabCase, startLabSession, type LabCast } from '../../helpers/lab';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** The one error every link that lets nobody in gives. */
const unusable = { code: 'not_found', message: 'invite_error_unusable' };

describe.each(drivers)('redeeming an invite link on %s', (driver) => {
	const t = useTestDatabase(driver);

	it('makes a guest who waits in the lobby, named as they typed, with a cookie token of their own', async () => {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast, { role: 'observer', label: 'Familie' });
		const guest = await redeemAs(cast, invite.token, joinInput('Karin K.', 'familie'));

		expect(guest.status).toBe('waiting');
		expect(guest.expiresAt).toEqual(invite.expiresAt);
		expect(guest.actor).toMatchObject({
			kind: 'guest',
			name: 'Karin K.',
			organisationName: 'familie',
			guest: { inviteId: invite.id, caseId: cast.caseId, sessionId: null, status: 'waiting' }
		});
		const validated = await validateGuest(cast.as(null), guest.guestToken);
		expect(validated).toMatchObject({ role: 'observer', actor: { id: guest.actor.id } });
		expect(validated?.expiresAt).toEqual(invite.expiresAt);
		const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
		expect(row.uses).toBe(1);
	});

	it('admits at once when the link says so', async () => {
		const cast = await setUpLabCase(t);
		const sessionId = await startLabSession(cast);
		const invite = await makeInvite(cast, { admitAtOnce: true }, { sessionId });
		const guest = await redeemAs(cast, invite.token);
		expect(guest.status).toBe('admitted');
		expect(guest.actor.guest).toMatchObject({ sessionId, status: 'admitted' });
		const [row] = await t.database.db
			.select()
			.from(guests)
			.where(eq(guests.userId, guest.actor.id));
		expect(row.admittedAt).toEqual(cast.clock.now);
	});

	it('the form is checked before a use is spent', async () => {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast);
		await expect(redeemAs(cast, invite.token, joinInput('', 'familie'))).rejects.toMatchObject({
			code: 'invalid',
			field: 'name'
		});
		await expect(
			redeemAs(cast, invite.token, joinInput('Gerda', 'BSN 111222333'))
		).rejects.toMatchObject({ code: 'invalid', field: 'organisation' });
		const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
		expect(row.uses).toBe(0);
	});

	describe('a link that lets nobody in gives the one answer, previewed or redeemed', () => {
		const refusedBoth = async (cast: LabCast, token: string) => {
			await expect(previewInvite(cast.as(null), token)).rejects.toMatchObject(unusable);
			await expect(redeemAs(cast, token)).rejects.toMatchObject(unusable);
		};

		it('expired (by the clock capabilities read)', async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast);
			await expect(previewInvite(cast.as(null), invite.token)).resolves.toMatchObject({
				label: 'Schuldhulp Flevoland',
				session: null
			});
			cast.clock.now = invite.expiresAt;
			await refusedBoth(cast, invite.token);
		});

		it('revoked', async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast);
			await revokeInvite(cast.as(cast.facilitator), invite.id);
			await refusedBoth(cast, invite.token);
		});

		it('single use, used', async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast, { maxUses: 1 });
			await redeemAs(cast, invite.token);
			await refusedBoth(cast, invite.token);
			const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
			expect(row.uses).toBe(1);
		});

		it('its session has ended', async () => {
			const cast = await setUpLabCase(t);
			const sessionId = await startLabSession(cast);
			const invite = await makeInvite(cast, {}, { sessionId });
			await lab.endSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
			await refusedBoth(cast, invite.token);
		});

		it('unknown, malformed, or the hash that is stored instead of the token', async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast);
			const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
			for (const token of [
				'A'.repeat(43),
				'not-a-token',
				`${invite.token}x`,
				row.tokenHash,
				"' or 1=1 --"
			]) {
				await refusedBoth(cast, token);
			}
		});
	});

	it('two people redeeming the last use at the same moment: exactly one gets in', async () => {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast, { maxUses: 1 });
		const outcomes = await Promise.allSettled([
			redeemAs(cast, invite.token, joinInput('Anna Eerst')),
			redeemAs(cast, invite.token, joinInput('Bert Tegelijk'))
		]);
		const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
		const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
		expect(won).toHaveLength(1);
		expect(lost).toHaveLength(1);
		expect((lost[0] as PromiseRejectedResult).reason).toMatchObject(unusable);
		const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
		expect(row.uses).toBe(1);
		const made = await t.database.db.select().from(guests).where(eq(guests.inviteId, invite.id));
		expect(made).toHaveLength(1);
		// The loser left no half-made guest behind.
		expect(await t.database.db.select().from(users).where(eq(users.kind, 'guest'))).toHaveLength(1);
	});

	it('ten at once on a link for three: three get in', async () => {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast, { maxUses: 3 });
		const outcomes = await Promise.allSettled(
			Array.from({ length: 10 }, (_, i) => redeemAs(cast, invite.token, joinInput(`Gast ${i}`)))
		);
		expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(3);
		const made = await t.database.db.select().from(guests).where(eq(guests.inviteId, invite.id));
		expect(made).toHaveLength(3);
	});

	it('stores only hashes: neither the link token nor the guest cookie token is in the database', async () => {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast);
		const guest = await redeemAs(cast, invite.token);

		const [inviteRow] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
		const [guestRow] = await t.database.db
			.select()
			.from(guests)
			.where(eq(guests.userId, guest.actor.id));
		expect(inviteRow.tokenHash).toBe(sha256(invite.token));
		expect(guestRow.tokenHash).toBe(sha256(guest.guestToken));

		const everything = JSON.stringify(
			await Promise.all(
				['invites', 'guests', 'users', 'audit_events'].map((table) =>
					t.database.db.execute(`select * from ${table}`)
				)
			)
		);
		expect(everything).toContain(guestRow.tokenHash); // the rows were read
		expect(everything).not.toContain(invite.token);
		expect(everything).not.toContain(guest.guestToken.slice(2));
	});
});
