import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import nl from '../../../messages/nl.json';
import { accessEnded } from '$lib/protocol/access';
import { channelClosedEvent, type ChannelClosed } from '$lib/protocol/channel';
import { caseDocumentName, closeCode, collabPath } from '$lib/protocol/collab';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { createSession } from '$lib/server/auth';
import { cases, invites } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { removeGuest, revokeInvite } from '$lib/server/invites';
import { guestCookieName } from '$lib/server/session-cookie';
import { insertCase } from '../../helpers/cases';
import { drivers, type TestDatabase } from '../../helpers/database';
import { admit, joinInput, makeInvite, redeemAs, type Guest } from '../../helpers/invites';
import { key, manualClock, setUpLabCase } from '../../helpers/lab';
import { connected, useLabClients } from '../../helpers/lab-channel';
import { useSeededApp } from '../../helpers/seeded-app';

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Guests over HTTP against the production build: a guest cookie set by hand, as the join page
 * would have set it, for guests in every state the seed leaves them in.
 */
async function seed(t: TestDatabase) {
	const cast = await setUpLabCase(t, manualClock(new Date()));
	const otherCaseId = await insertCase(t.ctx(), [{ userId: cast.owner.id, role: 'owner' }]);
	const tomorrow = isoToDutchTime(new Date(Date.now() + dayMs)).date;
	const { result } = await lab.planSession(cast.as(cast.facilitator), cast.caseId, {
		idempotencyKey: key(),
		title: 'Casusoverleg',
		scheduledAt: `${tomorrow}T10:00:00+01:00`,
		scribeId: cast.scribe.id
	});
	const sessionId = result.sessionId;
	await lab.startSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
	const expiresOn = isoToDutchTime(new Date(Date.now() + 2 * dayMs)).date;
	const caseLink = await makeInvite(cast, { maxUses: 10, expiresOn });
	const revokedLink = await makeInvite(cast, { maxUses: 10, expiresOn });
	const expiredLink = await makeInvite(cast, { maxUses: 10, expiresOn });
	const sessionLink = await makeInvite(cast, { maxUses: 10 }, { sessionId });
	const through = async (token: string, name: string) =>
		admit(cast, await redeemAs(cast, token, joinInput(name)));

	const admitted = await through(caseLink.token, 'Anna Binnen');
	const waiting = await redeemAs(cast, caseLink.token, joinInput('Wim Wacht'));
	const removed = await through(caseLink.token, 'Rik Weg');
	await removeGuest(cast.as(cast.facilitator), removed.actor.id);
	const revoked = await through(revokedLink.token, 'Ilse Ingetrokken');
	await revokeInvite(cast.as(cast.facilitator), revokedLink.id);
	const expired = await through(expiredLink.token, 'Vera Verlopen');
	await t.database.db
		.update(invites)
		.set({ expiresAt: sql`now() - interval '1 second'` })
		.where(eq(invites.id, expiredLink.id));
	const sessionGuest = await through(sessionLink.token, 'Sven Sessie');
	const codeOf = async (id: string) =>
		(await t.database.db.select({ code: cases.code }).from(cases).where(eq(cases.id, id)))[0].code;
	return {
		caseId: cast.caseId,
		otherCaseId,
		sessionId,
		caseCode: await codeOf(cast.caseId),
		otherCode: await codeOf(otherCaseId),
		facilitatorToken: (await createSession(t.ctx(cast.facilitator), cast.facilitator.id)).token,
		guests: { admitted, waiting, removed, revoked, expired, sessionGuest }
	};
}

describe.each(drivers)('a guest over HTTP, against the built app on %s', (driver) => {
	const used = useSeededApp(driver, seed);
	const labClients = useLabClients();

	const cookieOf = (guest: Guest) => `${guestCookieName}=${guest.guestToken}`;
	const get = (path: string, guest: Guest) =>
		fetch(`${used.app.url}${path}`, { headers: { cookie: cookieOf(guest) }, redirect: 'manual' });

	it("an admitted guest opens their case's plan, with no copy kept by browser or proxy", async () => {
		const { caseId, caseCode, guests } = used.seeded;
		const response = await get(`/cases/${caseId}/plan`, guests.admitted);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.text()).toContain(caseCode);
	});

	it('asking for another case by id, or any page beyond the plan, sends them back to it and shows nothing', async () => {
		const { caseId, otherCaseId, otherCode, guests } = used.seeded;
		const home = `/cases/${caseId}/plan`;
		for (const path of [
			`/cases/${otherCaseId}/plan`,
			`/cases/${otherCaseId.toUpperCase()}/plan`,
			`/cases/${otherCaseId}`,
			`/cases/${otherCaseId}/audit`,
			'/cases',
			'/',
			`/cases/${caseId}`,
			`/cases/${caseId}/audit`,
			`/cases/${caseId}/versions`,
			`/cases/${caseId}/planreis`,
			'/admin/accounts'
		]) {
			const response = await get(path, guests.admitted);
			expect({ path, status: response.status }).toEqual({ path, status: 303 });
			expect(response.headers.get('location')).toBe(home);
			expect(await response.text()).not.toContain(otherCode);
		}
		// Page data, as the browser's client-side navigation asks for it: a redirect, nothing else.
		const data = await get(`/cases/${otherCaseId}/plan/__data.json`, guests.admitted);
		expect(await data.json()).toEqual({ type: 'redirect', location: home });
	});

	it('a form post to another case is refused with 403', async () => {
		const { otherCaseId, guests } = used.seeded;
		const response = await fetch(`${used.app.url}/cases/${otherCaseId}/plan`, {
			method: 'POST',
			headers: {
				cookie: cookieOf(guests.admitted),
				origin: used.app.url,
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'title=x',
			redirect: 'manual'
		});
		expect(response.status).toBe(403);
	});

	it('a guest waiting in the lobby is sent to the lobby, not the plan', async () => {
		const { caseId, guests } = used.seeded;
		const response = await get(`/cases/${caseId}/plan`, guests.waiting);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/join/lobby');
	});

	it.each(['removed', 'revoked', 'expired'] as const)(
		'the cookie of a %s guest opens nothing and is cleared',
		async (which) => {
			const { caseId, caseCode, guests } = used.seeded;
			const response = await get(`/cases/${caseId}/plan`, guests[which]);
			expect(response.status).toBe(303);
			// To the page that tells a guest their access ended, not to a login they do not have.
			expect(response.headers.get('location')).toBe('/join/lobby');
			expect(await response.text()).not.toContain(caseCode);
			const cleared = response.headers
				.getSetCookie()
				.find((cookie) => cookie.startsWith(`${guestCookieName}=`));
			expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
		}
	);

	it('the session ending closes its guest document and channel within 1 s, and their cookie then opens nothing', async () => {
		const { caseId, sessionId, facilitatorToken, guests } = used.seeded;
		const guest = guests.sessionGuest;
		const sessionPage = `/cases/${caseId}/sessions/${sessionId}`;
		const page = await get(sessionPage, guest);
		expect(page.status).toBe(200);
		// The session as it is now, not the case's members (this one never joined the session).
		expect(await page.text()).not.toContain('Otto Waarnemer');

		const ws = new WebSocket(
			`${used.app.url.replace('http', 'ws')}${collabPath}/${caseDocumentName(caseId)}`,
			{ headers: { cookie: cookieOf(guest) } }
		);
		const docClosed = new Promise<{ code: number; reason: string }>((resolve) =>
			ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);
		await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
		const labUrl = { labUrl: `${used.app.url}/lab` };
		const guestSocket = labClients.connect(
			labUrl,
			{ caseId },
			{ headers: { cookie: cookieOf(guest) } }
		);
		const facilitator = labClients.connect(labUrl, { caseId, token: facilitatorToken });
		await Promise.all([connected(guestSocket), connected(facilitator)]);
		expect(await guestSocket.command('lab:join', { sessionId })).toMatchObject({ ok: true });
		expect(await facilitator.command('lab:join', { sessionId })).toMatchObject({ ok: true });
		const channelClosed = new Promise<ChannelClosed>((resolve) =>
			guestSocket.once(channelClosedEvent, resolve)
		);

		const started = Date.now();
		expect(
			await facilitator.command('lab:end', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true });
		const expected = { code: closeCode.unauthenticated, reason: accessEnded.guestSessionEnded };
		expect(await docClosed).toEqual(expected);
		expect(await channelClosed).toEqual(expected);
		expect(Date.now() - started).toBeLessThan(1000);

		const after = await get(sessionPage, guest);
		expect(after.status).toBe(303);
		expect(after.headers.get('location')).toBe('/join/lobby');
		const lobby = await fetch(`${used.app.url}/join/lobby`);
		expect(await lobby.text()).toContain(nl.join_ended_title);
	});
});
