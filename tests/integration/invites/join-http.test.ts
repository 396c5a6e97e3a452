import http from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import nl from '../../../messages/nl.json';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { cases, invites } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { revokeInvite } from '$lib/server/invites';
import { guestCookieName, pendingInviteCookieName } from '$lib/server/session-cookie';
import { drivers, type TestDatabase } from '../../helpers/database';
import { makeInvite, redeemAs } from '../../helpers/invites';
import { key, manualClock, setUpLabCase } from '../../helpers/lab';
import { useSeededApp } from '../../helpers/seeded-app';

const dayMs = 24 * 60 * 60 * 1000;

/** Links in every state the join pages must tell apart (or, when unusable, must not). */
async function seed(t: TestDatabase) {
	const cast = await setUpLabCase(t, manualClock(new Date()));
	const tomorrow = isoToDutchTime(new Date(Date.now() + dayMs)).date;
	const plan = async (title: string) =>
		(
			await lab.planSession(cast.as(cast.facilitator), cast.caseId, {
				idempotencyKey: key(),
				title,
				scheduledAt: `${tomorrow}T10:00:00+01:00`,
				scribeId: cast.scribe.id
			})
		).result.sessionId;
	const plannedSession = await plan('Overleg met de familie');
	const endedSession = await plan('Afgelopen overleg');
	const expiresOn = isoToDutchTime(new Date(Date.now() + 2 * dayMs)).date;
	const lobbyLink = await makeInvite(cast, { label: 'Wijkteam Noord', maxUses: 50, expiresOn });
	const atOnceLink = await makeInvite(cast, { maxUses: 50, admitAtOnce: true, expiresOn });
	const sessionLink = await makeInvite(cast, { label: 'Familie' }, { sessionId: plannedSession });
	const expired = await makeInvite(cast, { label: 'Verlopen link' });
	await t.database.db
		.update(invites)
		.set({ expiresAt: sql`now() - interval '1 second'` })
		.where(eq(invites.id, expired.id));
	const usedUp = await makeInvite(cast, { label: 'Eenmalige link', maxUses: 1 });
	await redeemAs(cast, usedUp.token);
	const revoked = await makeInvite(cast, { label: 'Ingetrokken link' });
	await revokeInvite(cast.as(cast.facilitator), revoked.id);
	const ofEndedSession = await makeInvite(
		cast,
		{ label: 'Sessielink' },
		{ sessionId: endedSession }
	);
	await lab.startSession(cast.as(cast.facilitator), endedSession, { idempotencyKey: key() });
	await lab.endSession(cast.as(cast.facilitator), endedSession, { idempotencyKey: key() });
	const [{ code }] = await t.database.db
		.select({ code: cases.code })
		.from(cases)
		.where(eq(cases.id, cast.caseId));
	return {
		caseId: cast.caseId,
		caseCode: code,
		lobbyLink,
		atOnceLink,
		sessionLink,
		unusable: { expired, usedUp, revoked, ofEndedSession }
	};
}

type Answer = {
	status: number;
	headers: http.IncomingHttpHeaders;
	cookies: string[];
	body: string;
};

/**
 * One HTTP request from a loopback address of the test's choosing: the app limits attempts per
 * address, so each test comes from its own.
 */
function request(
	url: string,
	{
		method = 'GET',
		from,
		cookie,
		form
	}: { method?: string; from: string; cookie?: string; form?: Record<string, string> }
): Promise<Answer> {
	const target = new URL(url);
	const body = form ? new URLSearchParams(form).toString() : undefined;
	return new Promise((resolve, reject) => {
		const outgoing = http.request(
			target,
			{
				method,
				localAddress: from,
				headers: {
					...(cookie ? { cookie } : {}),
					// A browser's own form post: it asks for a page, not the action's JSON.
					...(body === undefined
						? {}
						: {
								origin: target.origin,
								accept: 'text/html',
								'content-type': 'application/x-www-form-urlencoded'
							})
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode!,
						headers: response.headers,
						cookies: response.headers['set-cookie'] ?? [],
						body: text
					})
				);
			}
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** The Set-Cookie line of one cookie, as name=value plus its lower-cased attributes. */
function cookieOf(answer: Answer, name: string) {
	const line = answer.cookies.find((cookie) => cookie.startsWith(`${name}=`));
	if (!line) return undefined;
	const [pair, ...attributes] = line.split(';').map((part) => part.trim());
	return {
		value: decodeURIComponent(pair.slice(name.length + 1)),
		attributes: Object.fromEntries(
			attributes.map((attribute) => {
				const [attributeName, ...value] = attribute.split('=');
				return [attributeName.toLowerCase(), value.join('=') || true];
			})
		) as Record<string, string | true>
	};
}

describe.each(drivers)('joining by link over HTTP, against the built app on %s', (driver) => {
	const used = useSeededApp(driver, seed);
	const url = (path: string) => `${used.app.url}${path}`;
	/** Opens a link from `from` and returns the pending cookie it set. */
	async function openLink(token: string, from: string) {
		const opened = await request(url(`/join/${token}`), { from });
		expect(opened.status).toBe(303);
		return `${pendingInviteCookieName}=${cookieOf(opened, pendingInviteCookieName)!.value}`;
	}

	it('GET /join/<token>: 303 to /join, the token moved into a cookie for /join only, no referrer', async () => {
		const { lobbyLink } = used.seeded;
		const answer = await request(url(`/join/${lobbyLink.token}`), { from: '127.0.0.11' });
		expect(answer.status).toBe(303);
		expect(answer.headers.location).toBe('/join');
		expect(answer.headers['referrer-policy']).toBe('no-referrer');
		expect(cookieOf(answer, pendingInviteCookieName)).toEqual({
			value: lobbyLink.token,
			attributes: {
				path: '/join',
				'max-age': '1800',
				httponly: true,
				samesite: 'Lax',
				secure: true // the app's origin is http://127.0.0.1, not localhost
			}
		});
	});

	it('GET /join with the cookie shows the form, the link and a privacy notice, and no token', async () => {
		const { lobbyLink, sessionLink } = used.seeded;
		const from = '127.0.0.12';
		const page = await request(url('/join'), {
			from,
			cookie: await openLink(lobbyLink.token, from)
		});
		expect(page.status).toBe(200);
		expect(page.body).toContain('Wijkteam Noord');
		expect(page.body).toContain(nl.join_privacy_heading);
		expect(page.body).toMatch(/name="name"/);
		expect(page.body).toMatch(/name="organisation"/);
		expect(page.body).not.toContain(lobbyLink.token);
		const ofSession = await request(url('/join'), {
			from,
			cookie: await openLink(sessionLink.token, from)
		});
		expect(ofSession.body).toContain('Overleg met de familie');
	});

	it('every unusable link, and /join without one, is the same 404 that names nothing of the case', async () => {
		const { caseCode, unusable } = used.seeded;
		const from = '127.0.0.13';
		const unknownToken = 'A'.repeat(43);
		const pages = [
			await request(url(`/join/${unknownToken}`), { from }),
			await request(url('/join/too-short'), { from }),
			...(await Promise.all(
				Object.values(unusable).map((invite) => request(url(`/join/${invite.token}`), { from }))
			)),
			await request(url('/join'), { from }),
			await request(url('/join'), { from, cookie: `${pendingInviteCookieName}=${unknownToken}` })
		];
		for (const page of pages) {
			expect(page.status).toBe(404);
			expect(page.body).toContain(nl.invite_error_unusable);
			expect(cookieOf(page, pendingInviteCookieName)).toBeUndefined();
			for (const secret of [caseCode, ...Object.values(unusable).map((i) => i.token)]) {
				expect(page.body).not.toContain(secret);
			}
			for (const label of ['Verlopen link', 'Eenmalige link', 'Ingetrokken link', 'Sessielink']) {
				expect(page.body).not.toContain(label);
			}
		}
	});

	it('POST /join: the guest cookie (HttpOnly, Lax, expires with the link), the pending cookie cleared, 303 to the lobby', async () => {
		const { lobbyLink, caseId } = used.seeded;
		const from = '127.0.0.14';
		const answer = await request(url('/join'), {
			method: 'POST',
			from,
			cookie: await openLink(lobbyLink.token, from),
			form: { name: 'Gerda Gast', organisation: 'familie' }
		});
		expect(answer.status).toBe(303);
		expect(answer.headers.location).toBe('/join/lobby');
		const guest = cookieOf(answer, guestCookieName)!;
		expect(guest.value).toMatch(/^g\.[A-Za-z0-9_-]{43}$/);
		expect(guest.attributes).toMatchObject({
			path: '/',
			httponly: true,
			samesite: 'Lax',
			secure: true
		});
		expect(new Date(guest.attributes.expires as string).getTime()).toBe(
			Math.floor(lobbyLink.expiresAt.getTime() / 1000) * 1000
		);
		expect(cookieOf(answer, pendingInviteCookieName)?.attributes).toMatchObject({
			path: '/join',
			'max-age': '0'
		});

		const guestCookie = `${guestCookieName}=${guest.value}`;
		const lobby = await request(url('/join/lobby'), { from, cookie: guestCookie });
		expect(lobby.status).toBe(200);
		expect(lobby.body).toContain('Gerda Gast');
		// Waiting: not yet in the case.
		const plan = await request(url(`/cases/${caseId}/plan`), { from, cookie: guestCookie });
		expect(plan.status).toBe(303);
		expect(plan.headers.location).toBe('/join/lobby');
	});

	it('a link that admits at once sends the guest straight to the plan', async () => {
		const { atOnceLink, caseId } = used.seeded;
		const from = '127.0.0.15';
		const answer = await request(url('/join'), {
			method: 'POST',
			from,
			cookie: await openLink(atOnceLink.token, from),
			form: { name: 'Bram Binnen', organisation: 'Woonstichting' }
		});
		expect(answer.status).toBe(303);
		expect(answer.headers.location).toBe(`/cases/${caseId}/plan`);
		const guest = cookieOf(answer, guestCookieName)!;
		const plan = await request(url(answer.headers.location!), {
			from,
			cookie: `${guestCookieName}=${guest.value}`
		});
		expect(plan.status).toBe(200);
	});

	it('POST /join with a field missing: 400 with the error at the field, no guest cookie', async () => {
		const { lobbyLink } = used.seeded;
		const from = '127.0.0.16';
		const answer = await request(url('/join'), {
			method: 'POST',
			from,
			cookie: await openLink(lobbyLink.token, from),
			form: { name: '', organisation: 'familie' }
		});
		expect(answer.status).toBe(400);
		expect(cookieOf(answer, guestCookieName)).toBeUndefined();
	});

	it('POST /join/leave ends the guest and clears their cookie', async () => {
		const { atOnceLink, caseId } = used.seeded;
		const from = '127.0.0.17';
		const joined = await request(url('/join'), {
			method: 'POST',
			from,
			cookie: await openLink(atOnceLink.token, from),
			form: { name: 'Lotte Later', organisation: 'GGD' }
		});
		const guestCookie = `${guestCookieName}=${cookieOf(joined, guestCookieName)!.value}`;
		const left = await request(url('/join/leave'), {
			method: 'POST',
			from,
			cookie: guestCookie,
			form: {}
		});
		expect(left.status).toBe(303);
		expect(left.headers.location).toBe('/join/left');
		expect(cookieOf(left, guestCookieName)?.attributes).toMatchObject({ 'max-age': '0' });
		const plan = await request(url(`/cases/${caseId}/plan`), { from, cookie: guestCookie });
		expect(plan.status).toBe(303);
		expect(plan.headers.location).toBe('/join/lobby');
	});

	it('brute force: more than 30 attempts from one address are refused with 429, also for a good link', async () => {
		const { lobbyLink } = used.seeded;
		const from = '127.0.0.66';
		for (let attempt = 0; attempt < 30; attempt++) {
			const guess = `${String(attempt).padStart(2, '0')}${'x'.repeat(41)}`;
			expect((await request(url(`/join/${guess}`), { from })).status).toBe(404);
		}
		expect((await request(url(`/join/${'y'.repeat(43)}`), { from })).status).toBe(429);
		expect((await request(url(`/join/${lobbyLink.token}`), { from })).status).toBe(429);
		const posted = await request(url('/join'), {
			method: 'POST',
			from,
			cookie: `${pendingInviteCookieName}=${lobbyLink.token}`,
			form: { name: 'Gerda Gast', organisation: 'familie' }
		});
		expect(posted.status).toBe(429);
		expect(cookieOf(posted, guestCookieName)).toBeUndefined();
		// Another address is not held back by it.
		expect((await request(url(`/join/${lobbyLink.token}`), { from: '127.0.0.67' })).status).toBe(
			303
		);
	});
});
