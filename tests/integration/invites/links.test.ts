import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { invites } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { listInvites, revokeInvite, type InviteSummary } from '$lib/server/invites';
import { drivers, useTestDatabase } from '../../helpers/database';
import { admit, joinInput, makeInvite, redeemAs } from '../../helpers/invites';
import { key, planLabSession, setUpLabCase, startLabSession } from '../../helpers/lab';

const hour = 60 * 60 * 1000;

describe.each(drivers)('invite links on %s', (driver) => {
	const t = useTestDatabase(driver);

	describe('who may make one', () => {
		it('owners and facilitators make links; the token is 256 bits of base64url, shown once', async () => {
			const cast = await setUpLabCase(t);
			for (const by of [cast.owner, cast.facilitator]) {
				const created = await makeInvite(cast, {}, { by });
				expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
			}
			const rows = await t.database.db.select().from(invites);
			expect(rows).toHaveLength(2);
		});

		it('a participant and an observer are refused; a non-member is told the case is not there', async () => {
			const cast = await setUpLabCase(t);
			for (const by of [cast.participant, cast.observer]) {
				await expect(makeInvite(cast, {}, { by })).rejects.toMatchObject({ code: 'forbidden' });
			}
			await expect(makeInvite(cast, {}, { by: cast.outsider })).rejects.toMatchObject({
				code: 'not_found'
			});
			expect(await t.database.db.select().from(invites)).toEqual([]);
		});

		it('an admitted guest makes no links, not even as a participant', async () => {
			const cast = await setUpLabCase(t);
			const { token } = await makeInvite(cast, { admitAtOnce: true });
			const guest = await redeemAs(cast, token);
			await expect(makeInvite(cast, {}, { by: guest.actor })).rejects.toMatchObject({
				code: 'forbidden'
			});
		});

		it('no link for a session that has ended', async () => {
			const cast = await setUpLabCase(t);
			const sessionId = await startLabSession(cast);
			await lab.endSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
			await expect(makeInvite(cast, {}, { sessionId })).rejects.toMatchObject({
				code: 'conflict',
				message: 'invite_error_session_ended'
			});
		});
	});

	describe('when a link stops working', () => {
		it('a link to the case lasts until the end of today in Dutch time', async () => {
			const cast = await setUpLabCase(t);
			// 23:30 on 2 March in the Netherlands (CET, UTC+1) is still 2 March.
			cast.clock.now = new Date('2026-03-02T22:30:00Z');
			const { expiresAt } = await makeInvite(cast);
			expect(expiresAt.toISOString()).toBe('2026-03-02T23:00:00.000Z');
		});

		it("a session link lasts until the end of the session's day, also across the change to summer time", async () => {
			const cast = await setUpLabCase(t);
			const winter = await planLabSession(cast, { scheduledAt: '2026-03-05T14:00:00+01:00' });
			const summer = await planLabSession(cast, { scheduledAt: '2026-03-30T10:00:00+02:00' });
			const inWinter = await makeInvite(cast, {}, { sessionId: winter });
			const inSummer = await makeInvite(cast, {}, { sessionId: summer });
			expect(inWinter.expiresAt.toISOString()).toBe('2026-03-05T23:00:00.000Z');
			expect(inSummer.expiresAt.toISOString()).toBe('2026-03-30T22:00:00.000Z');
		});

		it('a session planned for a day already past gives a link for today, not one that never worked', async () => {
			const cast = await setUpLabCase(t);
			const sessionId = await planLabSession(cast, { scheduledAt: '2026-03-02T10:00:00+01:00' });
			cast.clock.advance(3 * 24 * hour);
			const { expiresAt } = await makeInvite(cast, {}, { sessionId });
			expect(expiresAt.toISOString()).toBe('2026-03-05T23:00:00.000Z');
		});

		it('a chosen day counts to its end; a day past or more than 30 days ahead is refused', async () => {
			const cast = await setUpLabCase(t);
			const { expiresAt } = await makeInvite(cast, { expiresOn: '2026-03-10' });
			expect(expiresAt.toISOString()).toBe('2026-03-10T23:00:00.000Z');
			await expect(makeInvite(cast, { expiresOn: '2026-03-01' })).rejects.toMatchObject({
				code: 'invalid',
				field: 'expiresOn'
			});
			await expect(makeInvite(cast, { expiresOn: '2026-04-15' })).rejects.toMatchObject({
				code: 'invalid',
				field: 'expiresOn'
			});
		});
	});

	describe('the list of links', () => {
		const statusOf = (list: InviteSummary[], id: string) =>
			list.find((invite) => invite.id === id)?.status;

		it('shows each link as active, used up, expired, revoked or ended with its session, with who joined', async () => {
			const cast = await setUpLabCase(t);
			const sessionId = await startLabSession(cast);
			const active = await makeInvite(cast, { label: 'Open', maxUses: 3 });
			const usedUp = await makeInvite(cast, { label: 'Eenmalig', maxUses: 1 });
			const expiring = await makeInvite(cast, { label: 'Verloopt' });
			const revoked = await makeInvite(cast, { label: 'Ingetrokken' });
			const ofSession = await makeInvite(cast, { label: 'Sessie' }, { sessionId });
			await redeemAs(cast, usedUp.token, joinInput('Gerda Gast', 'familie'));
			await redeemAs(cast, active.token, joinInput('Henk Hulp', 'Woonstichting'));
			await revokeInvite(cast.as(cast.owner), revoked.id);
			await lab.endSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });

			const before = await listInvites(cast.as(cast.facilitator), {
				caseId: cast.caseId,
				sessionId: null
			});
			expect(Object.fromEntries(before.map((i) => [i.label, i.status]))).toEqual({
				Open: 'active',
				Eenmalig: 'used_up',
				Verloopt: 'active',
				Ingetrokken: 'revoked',
				Sessie: 'session_ended'
			});
			const used = before.find((invite) => invite.id === usedUp.id)!;
			expect(used).toMatchObject({ uses: 1, maxUses: 1, role: 'participant' });
			expect(used.guests).toEqual([
				expect.objectContaining({ name: 'Gerda Gast', organisation: 'familie', status: 'waiting' })
			]);

			// The clock the capabilities read decides, not the wall clock.
			cast.clock.now = new Date(expiring.expiresAt.getTime());
			const after = await listInvites(cast.as(cast.facilitator), {
				caseId: cast.caseId,
				sessionId: null
			});
			expect(statusOf(after, expiring.id)).toBe('expired');
			expect(statusOf(after, active.id)).toBe('expired');
			// A reason that holds whatever the time comes first.
			expect(statusOf(after, revoked.id)).toBe('revoked');
			expect(statusOf(after, ofSession.id)).toBe('session_ended');
		});

		it("a session's list holds only that session's links; a participant may not read any list", async () => {
			const cast = await setUpLabCase(t);
			const sessionId = await planLabSession(cast);
			await makeInvite(cast, { label: 'Casus' });
			await makeInvite(cast, { label: 'Sessie' }, { sessionId });
			const ofSession = await listInvites(cast.as(cast.facilitator), {
				caseId: cast.caseId,
				sessionId
			});
			expect(ofSession.map((invite) => invite.label)).toEqual(['Sessie']);
			await expect(
				listInvites(cast.as(cast.participant), { caseId: cast.caseId, sessionId: null })
			).rejects.toMatchObject({ code: 'forbidden' });
		});
	});

	describe('revoking a link', () => {
		it("ends every guest who came through it and the link's own use, once", async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast, { maxUses: 5 });
			const waiting = await redeemAs(cast, invite.token, joinInput('Wim Wacht'));
			const inside = await admit(cast, await redeemAs(cast, invite.token, joinInput('Ina Binnen')));
			t.revoked.length = 0;

			await revokeInvite(cast.as(cast.owner), invite.id);

			expect(t.revoked.map((r) => r.userId).sort()).toEqual(
				[waiting.actor.id, inside.actor.id].sort()
			);
			expect(new Set(t.revoked.map((r) => r.reason))).toEqual(
				new Set(['the invite link was withdrawn'])
			);
			const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
			expect(row.revokedBy).toBe(cast.owner.id);
			await expect(revokeInvite(cast.as(cast.owner), invite.id)).rejects.toMatchObject({
				code: 'conflict'
			});
		});

		it('a participant may not revoke; an outsider does not learn the link exists', async () => {
			const cast = await setUpLabCase(t);
			const invite = await makeInvite(cast);
			await expect(revokeInvite(cast.as(cast.participant), invite.id)).rejects.toMatchObject({
				code: 'forbidden'
			});
			await expect(revokeInvite(cast.as(cast.outsider), invite.id)).rejects.toMatchObject({
				code: 'not_found'
			});
			const [row] = await t.database.db.select().from(invites).where(eq(invites.id, invite.id));
			expect(row.revokedAt).toBeNull();
		});
	});
});
