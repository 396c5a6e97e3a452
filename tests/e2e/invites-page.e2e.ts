import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	fillMessage,
	openHydrated,
	useDemoApp
} from './harness';

// The page where owners and facilitators make and manage invite links, in Chromium on the demo
// deployment: a link shown once (copy button, QR code), its place in the list, revoking it, the
// field errors of the form, a session's links, and who may not open the page at all.
const householdCase = '00000000-0000-4000-8000-000000000303';
const debtsCase = '00000000-0000-4000-8000-000000000305';
const todaysSession = 'Derde Change Lab: voortgang schuldregeling';

const sanne = demoPerson('sanne@demo.example');
const youssef = demoPerson('youssef@demo.example');
const kees = demoPerson('kees@demo.example');
const marco = demoPerson('marco@demo.example');

const fill = fillMessage;
/** As the page writes a day: Dutch, e.g. "6 dec 2026". */
const dutchDay = (day: string) =>
	new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeZone: 'UTC' }).format(
		new Date(`${day}T00:00:00Z`)
	);
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const joinLink = /^http:\/\/localhost:\d+\/join\/[A-Za-z0-9_-]{43}$/;

/** The list entry of the link with this label. */
const listed = (page: Page, label: string) =>
	page.locator('li[data-invite]').filter({ has: page.getByRole('heading', { name: label }) });

/** Makes a link on the open invites page and returns it (shown once, in the read-only field). */
async function createLink(page: Page, label: string, maxUses = 1): Promise<string> {
	await page.getByLabel(nl.invites_field_label).fill(label);
	await page.getByLabel(nl.invites_field_max_uses).fill(String(maxUses));
	await page.getByRole('button', { name: nl.invites_create_submit }).click();
	await page.getByRole('heading', { name: fill(nl.invites_created_heading, { label }) }).waitFor();
	return page.getByLabel(nl.invites_created_link, { exact: true }).inputValue();
}

/** A guest opens the link on a phone and asks to join; they land in the lobby. */
async function joinAsGuest(guest: Page, link: string, name: string, organisation: string) {
	await guest.goto(link, { waitUntil: 'networkidle' });
	expect(new URL(guest.url()).pathname).toBe('/join');
	await guest.locator('#field-name').fill(name);
	await guest.locator('#field-organisation').fill(organisation);
	await guest.getByRole('button', { name: nl.join_submit }).click();
	await guest.waitForURL('**/join/lobby');
	await guest.locator('[data-lobby="waiting"]').waitFor();
}

describe('the invites page', () => {
	const demo = useDemoApp();
	const { signIn } = demo;

	beforeAll(() => {
		expect(demoRole(householdCase, sanne.id)).toBe('owner');
		expect(demoRole(householdCase, marco.id)).toBe('facilitator');
		expect(demoRole(householdCase, youssef.id)).toBe('participant');
		expect(demoRole(householdCase, kees.id)).toBeUndefined();
		expect(demoRole(debtsCase, marco.id)).toBe('facilitator');
	});

	it('shows a new link once, with a copy button and a QR code, and lists it as active', async () => {
		const page = await signIn(sanne);
		await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
		await openHydrated(page, `/cases/${householdCase}`);
		await page.getByRole('link', { name: nl.invites_case_link }).click();
		await page.waitForURL(`**/cases/${householdCase}/invites`);
		await page.waitForLoadState('networkidle');
		await page.getByText(nl.invites_list_empty).waitFor();
		await page.getByText(nl.invites_lobby_empty).waitFor();
		await expectNoSeriousA11yViolations(page);

		// Defaults: participant, single use, through the lobby.
		expect(await page.getByLabel(nl.invites_role_participant).isChecked()).toBe(true);
		expect(await page.getByLabel(nl.invites_field_max_uses).inputValue()).toBe('1');
		expect(await page.getByLabel(nl.invites_field_admit_at_once).isChecked()).toBe(false);
		await page.getByLabel(nl.invites_field_label).fill('Schuldhulp Flevoland');
		await page.getByRole('button', { name: nl.invites_create_submit }).click();

		const linkField = page.getByLabel(nl.invites_created_link, { exact: true });
		await linkField.waitFor();
		const link = await linkField.inputValue();
		expect(link).toMatch(joinLink);
		expect(await linkField.getAttribute('readonly')).not.toBeNull();
		await page.getByText(nl.invites_created_once).waitFor();
		// The form is ready for the next link, with its defaults back.
		expect(await page.getByLabel(nl.invites_field_label).inputValue()).toBe('');
		expect(await page.getByLabel(nl.invites_role_participant).isChecked()).toBe(true);
		expect(await page.getByLabel(nl.invites_field_max_uses).inputValue()).toBe('1');
		const qr = page.getByRole('img', {
			name: fill(nl.invites_qr_alt, { label: 'Schuldhulp Flevoland' })
		});
		expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
		expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

		await page.getByRole('button', { name: nl.invites_copy }).click();
		await page.getByRole('status').filter({ hasText: nl.invites_copied }).waitFor();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

		const entry = listed(page, 'Schuldhulp Flevoland');
		await entry.getByText(nl.invites_status_active, { exact: true }).waitFor();
		await entry.getByText(fill(nl.invites_uses_value, { uses: 0, max: 1 })).waitFor();
		await entry.getByText(nl.invites_role_participant, { exact: true }).waitFor();
		await entry.getByText(nl.invites_session_none, { exact: true }).waitFor();
		await expectNoSeriousA11yViolations(page);

		// Only the action's answer held the link: after a reload it is nowhere on the page.
		await page.reload({ waitUntil: 'networkidle' });
		expect(await page.content()).not.toContain(link.split('/join/')[1]);
		expect(await page.getByLabel(nl.invites_created_link, { exact: true }).count()).toBe(0);
		await listed(page, 'Schuldhulp Flevoland')
			.getByText(nl.invites_status_active, { exact: true })
			.waitFor();
		await expectNoSeriousA11yViolations(page);

		// Logged out elsewhere (same cookies): the next poll of the lobby sends the page to log in.
		const elsewhere = await page.context().newPage();
		await openHydrated(elsewhere, '/');
		await elsewhere.getByRole('button', { name: nl.logout }).click();
		await page.waitForURL('**/login?returnTo=*', { timeout: 10_000 });
	});

	it('shows field errors by field and keeps what was typed', async () => {
		const page = await signIn(marco);
		await openHydrated(page, `/cases/${householdCase}/invites`);
		await page.getByLabel(nl.invites_field_max_uses).fill('0');
		await page.getByRole('button', { name: nl.invites_create_submit }).click();
		const label = page.getByLabel(nl.invites_field_label);
		await page.locator('#field-label-error').getByText(nl.error_required).waitFor();
		expect(await label.getAttribute('aria-invalid')).toBe('true');
		await page.locator('#field-maxUses-error').getByText(nl.error_choice).waitFor();

		// A day in the past is refused by the capability, at the expiry field.
		await label.fill('Wijkteam');
		await page.getByLabel(nl.invites_field_max_uses).fill('2');
		await page.getByLabel(nl.invites_field_expires).fill('2020-01-01');
		await page.getByRole('button', { name: nl.invites_create_submit }).click();
		await page.locator('#field-expiresOn-error').getByText(nl.invite_error_expiry_past).waitFor();
		expect(await label.inputValue()).toBe('Wijkteam');
		expect(await page.getByLabel(nl.invites_field_max_uses).inputValue()).toBe('2');
		expect(await page.getByLabel(nl.invites_created_link, { exact: true }).count()).toBe(0);
		await expectNoSeriousA11yViolations(page);
	});

	it('revokes a link after a confirmation reached by keyboard', async () => {
		const page = await signIn(marco);
		await openHydrated(page, `/cases/${householdCase}/invites`);
		await page.getByLabel(nl.invites_role_observer).check();
		await page.getByLabel(nl.invites_field_label).fill('Leerplicht');
		await page.getByLabel(nl.invites_field_max_uses).fill('3');
		await page.getByRole('button', { name: nl.invites_create_submit }).click();
		const entry = listed(page, 'Leerplicht');
		await entry.getByText(fill(nl.invites_uses_value, { uses: 0, max: 3 })).waitFor();
		await entry.getByText(nl.invites_role_observer, { exact: true }).waitFor();

		const open = entry.locator('summary', { hasText: nl.invites_revoke });
		await open.focus();
		await page.keyboard.press('Enter');
		const confirm = entry.getByRole('button', {
			name: fill(nl.invites_revoke_confirm, { label: 'Leerplicht' })
		});
		await confirm.waitFor();
		await confirm.focus();
		await page.keyboard.press('Enter');
		await page.getByRole('status').filter({ hasText: nl.invites_revoked }).waitFor();
		await entry.getByText(nl.invites_status_revoked, { exact: true }).waitFor();
		expect(await entry.locator('summary', { hasText: nl.invites_revoke }).count()).toBe(0);
	});

	it("makes a link for today's session, valid until the end of its day", async () => {
		const page = await signIn(marco);
		await openHydrated(page, `/cases/${debtsCase}`);
		const session = page.locator('#sessions li').filter({ hasText: todaysSession });
		const href = await session
			.getByRole('link', { name: todaysSession, exact: true })
			.getAttribute('href');
		const sessionId = href!.split('/sessions/')[1];
		await openHydrated(page, `/cases/${debtsCase}/invites?session=${sessionId}`);
		await page
			.getByRole('heading', {
				level: 1,
				name: fill(nl.invites_heading_session, { title: todaysSession })
			})
			.waitFor();
		// The session is today (the demo plans it so): by default its link works through today.
		const today = dutchDay(isoToDutchTime(new Date()).date);
		await page.getByText(fill(nl.invites_field_expires_hint_session, { date: today })).waitFor();
		await page.getByLabel(nl.invites_field_label).fill('Familie');
		await page.getByRole('button', { name: nl.invites_create_submit }).click();
		await page.getByLabel(nl.invites_created_link, { exact: true }).waitFor();
		const entry = listed(page, 'Familie');
		await entry.getByText(todaysSession, { exact: true }).waitFor();
		await entry.getByText(nl.invites_status_active, { exact: true }).waitFor();
		await entry.getByText(today, { exact: true }).waitFor();

		// The case's page lists the session's link too; the session's page only its own.
		await openHydrated(page, `/cases/${debtsCase}/invites`);
		await listed(page, 'Familie').waitFor();
		await expectNoSeriousA11yViolations(page);
	});

	it('is not there for a participant of the case, nor for someone outside it', async () => {
		const participant = await signIn(youssef);
		await openHydrated(participant, `/cases/${householdCase}`);
		await participant.getByRole('heading', { level: 1 }).waitFor();
		expect(await participant.getByRole('link', { name: nl.invites_case_link }).count()).toBe(0);
		expect((await participant.goto(`/cases/${householdCase}/invites`))?.status()).toBe(403);
		const lobby = await participant.request.get(`/cases/${householdCase}/invites/lobby`);
		expect(lobby.status()).toBe(403);
		const posted = await participant.request.post(`/cases/${householdCase}/invites?/create`, {
			form: { role: 'participant', label: 'Stiekem', maxUses: '1' },
			headers: { origin: demo.app.url }
		});
		expect(posted.status()).toBe(403);

		const anonymous = await demo.open();
		expect((await anonymous.request.get(`/cases/${householdCase}/invites/lobby`)).status()).toBe(
			401
		);

		const outsider = await signIn(kees);
		expect((await outsider.goto(`/cases/${householdCase}/invites`))?.status()).toBe(404);
		expect((await outsider.request.get(`/cases/${householdCase}/invites/lobby`)).status()).toBe(
			404
		);
	});

	it("lets the owner admit a guest from the page's lobby, and revoking the link ends their access", async () => {
		const owner = await signIn(sanne);
		await openHydrated(owner, `/cases/${householdCase}/invites`);
		const link = await createLink(owner, 'Gezin zelf');

		const guest = await demo.open(phone);
		await joinAsGuest(guest, link, 'Mevrouw K.', 'familie');

		// The lobby polls: the guest shows up without a reload, and the link's entry follows.
		const waiting = owner.locator('li[data-waiting]').filter({ hasText: 'Mevrouw K.' });
		await waiting.waitFor({ timeout: 10_000 });
		await waiting.getByText('familie').waitFor();
		const entry = listed(owner, 'Gezin zelf');
		await entry.getByText(fill(nl.invites_uses_value, { uses: 1, max: 1 })).waitFor();
		await entry.getByText(nl.invites_status_used_up, { exact: true }).waitFor();
		await entry.getByText(nl.invites_guest_status_waiting).waitFor();
		await expectNoSeriousA11yViolations(owner);

		await waiting.getByRole('button', { name: `${nl.invites_admit} (Mevrouw K.)` }).click();
		await owner.getByRole('status').filter({ hasText: nl.invites_guest_admitted }).waitFor();
		await owner.getByText(nl.invites_lobby_empty).waitFor();
		await entry.getByText(nl.invites_guest_status_admitted).waitFor();
		await guest.waitForURL(`**/cases/${householdCase}/plan`, { timeout: 10_000 });
		// An admitted guest never reaches this page: it sends them back to their own, and its
		// actions refuse them.
		await guest.goto(`/cases/${householdCase}/invites`);
		expect(new URL(guest.url()).pathname).toBe(`/cases/${householdCase}/plan`);
		const posted = await guest.request.post(`/cases/${householdCase}/invites?/create`, {
			form: { role: 'participant', label: 'Nog een', maxUses: '5' },
			headers: { origin: demo.app.url }
		});
		expect(posted.status()).toBe(403);

		await entry.locator('summary', { hasText: nl.invites_revoke }).click();
		await entry
			.getByRole('button', { name: fill(nl.invites_revoke_confirm, { label: 'Gezin zelf' }) })
			.click();
		await entry.getByText(nl.invites_status_revoked, { exact: true }).waitFor();
		await entry.getByText(nl.invites_guest_status_removed).waitFor();
		await guest.goto(`/cases/${householdCase}/plan`);
		expect(new URL(guest.url()).pathname).not.toContain(householdCase);
	});

	it('turns one guest away at the lobby and removes another after letting them in', async () => {
		const owner = await signIn(marco);
		await openHydrated(owner, `/cases/${householdCase}/invites`);
		const link = await createLink(owner, 'Wijkteam Noord', 2);
		const first = await demo.open(phone);
		const second = await demo.open(phone);
		await joinAsGuest(first, link, 'Ahmed', 'Wijkteam');
		await joinAsGuest(second, link, 'Bea', 'Wijkteam');

		const waitingAhmed = owner.locator('li[data-waiting]').filter({ hasText: 'Ahmed' });
		const waitingBea = owner.locator('li[data-waiting]').filter({ hasText: 'Bea' });
		await waitingBea.waitFor({ timeout: 10_000 });
		await owner.getByText(fill(nl.invites_lobby_count, { count: 2 })).waitFor();
		await waitingAhmed.getByRole('button', { name: `${nl.invites_turn_away} (Ahmed)` }).click();
		await owner.getByRole('status').filter({ hasText: nl.invites_guest_turned_away }).waitFor();
		await first.locator('[data-lobby="ended"]').waitFor({ timeout: 10_000 });

		await waitingBea.getByRole('button', { name: `${nl.invites_admit} (Bea)` }).click();
		await second.waitForURL(`**/cases/${householdCase}/plan`, { timeout: 10_000 });
		const entry = listed(owner, 'Wijkteam Noord');
		const bea = entry.locator('li[data-guest]').filter({ hasText: 'Bea' });
		await bea.getByText(nl.invites_guest_status_admitted).waitFor();
		await entry
			.locator('li[data-guest]')
			.filter({ hasText: 'Ahmed' })
			.getByText(nl.invites_guest_status_turned_away)
			.waitFor();
		await bea.locator('summary', { hasText: nl.invites_remove }).click();
		await bea
			.getByRole('button', { name: fill(nl.invites_remove_confirm, { name: 'Bea' }) })
			.click();
		await owner.getByRole('status').filter({ hasText: nl.invites_guest_removed }).waitFor();
		await bea.getByText(nl.invites_guest_status_removed).waitFor();
		// The link itself stays usable until it is used up: both uses are spent.
		await entry.getByText(nl.invites_status_used_up, { exact: true }).waitFor();
		await second.goto(`/cases/${householdCase}/plan`);
		expect(new URL(second.url()).pathname).not.toContain(householdCase);
	});
});
