import { io } from 'socket.io-client';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelNamespace, channelPath } from '$lib/protocol/channel';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	fillMessage,
	openHydrated,
	useDemoApp
} from './harness';

// The whole way in and out for someone without an account, in Chromium on the demo deployment:
// the facilitator makes a link for today's Change Lab, a phone opens it and waits in the lobby,
// the facilitator admits them from the session panel, the guest co-edits the plan and raises a
// hand, and withdrawing the link ends all of it within a second.
const debtsCase = '00000000-0000-4000-8000-000000000305';
const todaysSession = 'Derde Change Lab: voortgang schuldregeling';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const live = { timeout: 10_000 };

const marco = demoPerson('marco@demo.example');

const fill = fillMessage;

describe('a guest in a Change Lab session, from link to revocation', () => {
	const demo = useDemoApp();
	let facilitator: Page;
	let invites: Page;
	let facilitatorPlan: Page;
	let guest: Page;
	let guestPlan: Page;
	let sessionPath: string;
	let link: string;

	beforeAll(async () => {
		expect(demoRole(debtsCase, marco.id)).toBe('facilitator');
		facilitator = await demo.signIn(marco);
		await openHydrated(facilitator, `/cases/${debtsCase}`);
		await facilitator.getByRole('link', { name: todaysSession }).first().click();
		await facilitator.waitForURL(`**/cases/${debtsCase}/sessions/*`);
		sessionPath = new URL(facilitator.url()).pathname;
		await facilitator.locator('[data-channel="online"]').waitFor(live);
		await facilitator.getByRole('button', { name: nl.labview_start, exact: true }).click();
		await facilitator.locator('[data-session-status="running"]').waitFor(live);
		// The facilitator's other tabs: the invites page and the plan. Pages opened here stay
		// open through every test; the guest's phone has its own browser context.
		invites = await facilitator.context().newPage();
		facilitatorPlan = await facilitator.context().newPage();
		guest = await demo.open(phone);
		guestPlan = await guest.context().newPage();
	});

	it('lets the facilitator make a link for the session from its panel', async () => {
		await facilitator.getByText(nl.lab_guest_lobby_empty).waitFor(live);
		const inviteHref = await facilitator
			.getByRole('link', { name: nl.lab_guest_invite_link })
			.getAttribute('href');
		await openHydrated(invites, inviteHref!);
		expect(new URL(invites.url()).searchParams.get('session')).toBe(sessionPath.split('/').pop());
		await invites.getByLabel(nl.invites_field_label).fill('Tolkencentrum');
		await invites.getByRole('button', { name: nl.invites_create_submit }).click();
		const shown = invites.getByLabel(nl.invites_created_link, { exact: true });
		await shown.waitFor();
		link = await shown.inputValue();
		expect(link).toMatch(/\/join\/[A-Za-z0-9_-]{43}$/);
		await expectNoSeriousA11yViolations(invites);
	});

	it('has the guest wait in the lobby on a phone until admitted from the session panel', async () => {
		await guest.goto(new URL(link).pathname, { waitUntil: 'networkidle' });
		expect(new URL(guest.url()).pathname).toBe('/join');
		await guest.getByText(fill(nl.join_invited_by, { label: 'Tolkencentrum' })).waitFor();
		await expectNoSeriousA11yViolations(guest);
		await guest.getByLabel(nl.join_field_name).fill('Amira');
		await guest.getByLabel(nl.join_field_organisation).fill('Tolkencentrum Noord');
		await guest.getByRole('button', { name: nl.join_submit }).click();
		await guest.waitForURL('**/join/lobby');
		await guest.getByText(nl.join_lobby_waiting).waitFor();
		await expectNoSeriousA11yViolations(guest);

		// The panel shows the arrival live, without a reload.
		const waiting = facilitator.locator('[data-waiting="Amira"]');
		await waiting.waitFor(live);
		await expect
			.poll(() => facilitator.locator('[data-lobby] [role="status"]').textContent())
			.toContain('Amira');
		await facilitator
			.getByRole('button', { name: fill(nl.lab_guest_admit_named, { name: 'Amira' }) })
			.click();
		await waiting.waitFor({ state: 'detached', ...live });

		// The lobby checks every second and takes the guest to the session.
		await guest.waitForURL(`**${sessionPath}`, live);
		await guest.locator('[data-channel="online"]').waitFor(live);
		const inPresence = facilitator.locator('[data-person="Amira"]');
		await expect.poll(() => inPresence.getAttribute('data-guest'), live).toBe('true');
		await expect.poll(() => inPresence.textContent(), live).toContain(nl.lab_guest_badge);
	});

	it('lets the admitted guest raise a hand and co-edit the plan live', async () => {
		await guest.getByRole('button', { name: nl.labview_hand_raise }).click();
		await facilitator.locator('[data-hand="Amira"]').waitFor(live);

		await demo.openPlan(facilitatorPlan, debtsCase, { editor: true });
		await demo.openPlan(guestPlan, debtsCase, { editor: true });
		const sentence = ' De tolk vertaalt de brief van de schuldeiser.';
		await guestPlan.locator('.narrative').click();
		await guestPlan.keyboard.press('Control+End');
		await guestPlan.keyboard.type(sentence);
		await expect
			.poll(() => facilitatorPlan.locator('.narrative').innerText(), live)
			.toContain(sentence.trim());
	});

	it('ends the guest’s connections within a second of revoking the link, for good', async () => {
		const guestCookie = (await guest.context().cookies())
			.map(({ name, value }) => `${name}=${value}`)
			.join('; ');
		expect(guestCookie).toContain('maatwerklab_guest=');

		await invites.reload({ waitUntil: 'networkidle' });
		const entry = invites
			.locator('li[data-invite]')
			.filter({ has: invites.getByRole('heading', { name: 'Tolkencentrum' }) });
		await entry.getByText('Amira').first().waitFor();
		await entry.locator('summary', { hasText: nl.invites_revoke }).click();
		const revokedAt = Date.now();
		await entry
			.getByRole('button', { name: fill(nl.invites_revoke_confirm, { label: 'Tolkencentrum' }) })
			.click();

		const told = (page: Page) =>
			page.getByRole('alert').filter({ hasText: nl.collab_closed_invite_revoked }).waitFor(live);
		await Promise.all([told(guestPlan), told(guest)]);
		// Measured from the click; the page's own round trip is in there too.
		expect(Date.now() - revokedAt).toBeLessThan(2_000);
		await expect.poll(() => facilitator.locator('[data-person="Amira"]').count(), live).toBe(0);

		// The session channel refuses the old cookie, and no page of the case opens.
		const socket = io(`${demo.app.url}${channelNamespace}`, {
			path: channelPath,
			auth: { caseId: debtsCase },
			transports: ['websocket'],
			extraHeaders: { cookie: guestCookie, origin: demo.app.url },
			forceNew: true,
			reconnection: false
		});
		const refused = await new Promise<boolean>((resolve) => {
			socket.once('connect', () => resolve(false));
			socket.once('connect_error', () => resolve(true));
		});
		socket.disconnect();
		expect(refused).toBe(true);
		for (const path of [sessionPath, `/cases/${debtsCase}/plan`, `/cases/${debtsCase}`]) {
			await guest.goto(path, { waitUntil: 'networkidle' });
			expect(new URL(guest.url()).pathname).not.toMatch(/^\/cases\//);
			expect(await guest.content()).not.toContain(todaysSession);
		}
	});
});
