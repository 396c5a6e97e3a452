import type { Page, Response } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseDocumentName } from '$lib/protocol/collab';
import { offlineCopyPrefix } from '$lib/state/offline-copies';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	openHydrated,
	useDemoApp
} from './harness';

// What a guest sees, in Chromium on the demo deployment: the owner makes a link on the invites
// page as they would; a phone-sized browser of its own opens it, joins, waits in the lobby or
// comes straight in, and finds only the plan of that one case. Unusable links say one thing.
const schoolCase = '00000000-0000-4000-8000-000000000301';
const housingCase = '00000000-0000-4000-8000-000000000302';
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const admitWithin = { timeout: 5_000 };

const sanne = demoPerson('sanne@demo.example');

const fill = (template: string, values: Record<string, string | number>) =>
	template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

type LinkOptions = { label: string; maxUses?: number; admitAtOnce?: boolean; observer?: boolean };

/** Makes a link to the whole case on its invites page and returns the link shown once. */
async function createLink(owner: Page, caseId: string, options: LinkOptions): Promise<string> {
	await openHydrated(owner, `/cases/${caseId}/invites`);
	await owner.getByLabel(nl.invites_field_label).fill(options.label);
	await owner.getByLabel(nl.invites_field_max_uses).fill(String(options.maxUses ?? 1));
	if (options.admitAtOnce) await owner.getByLabel(nl.invites_field_admit_at_once).check();
	if (options.observer) await owner.getByLabel(nl.invites_role_observer).check();
	await owner.getByRole('button', { name: nl.invites_create_submit }).click();
	await owner
		.getByRole('heading', { name: fill(nl.invites_created_heading, { label: options.label }) })
		.waitFor();
	return owner.getByLabel(nl.invites_created_link, { exact: true }).inputValue();
}

/** Opens the link; resolves with the response the link itself got (before any redirect). */
async function openLink(guest: Page, link: string): Promise<Response> {
	const path = new URL(link).pathname;
	const first = guest.waitForResponse((response) => new URL(response.url()).pathname === path);
	await guest.goto(path, { waitUntil: 'networkidle' });
	return first;
}

/** Fills in the join form and sends it. */
async function join(guest: Page, name: string, organisation: string): Promise<void> {
	await guest.getByLabel(nl.join_field_name).fill(name);
	await guest.getByLabel(nl.join_field_organisation).fill(organisation);
	await guest.getByRole('button', { name: nl.join_submit }).click();
}

/** The names of this browser's IndexedDB databases that hold offline copies of cases. */
const offlineCopies = (page: Page) =>
	page.evaluate(
		async (prefix) =>
			((await indexedDB.databases?.()) ?? [])
				.map((database) => database.name ?? '')
				.filter((name) => name.startsWith(prefix)),
		offlineCopyPrefix
	);

describe('joining by invite link', () => {
	const demo = useDemoApp();
	const { open, signIn } = demo;

	beforeAll(() => {
		expect(demoRole(schoolCase, sanne.id)).toBe('owner');
		expect(demoRole(housingCase, sanne.id)).toBe('owner');
	});

	it('moves the token out of the address bar, and waits in the lobby until admitted', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, schoolCase, { label: 'Schuldhulp Flevoland' });

		const guest = await open(phone);
		const opened = await openLink(guest, link);
		expect(opened.status()).toBe(303);
		expect(opened.headers()['referrer-policy']).toBe('no-referrer');
		expect(new URL(guest.url()).pathname).toBe('/join');
		expect(guest.url()).not.toContain(link.split('/join/')[1]);
		const pending = (await guest.context().cookies()).find((c) => c.name === 'maatwerklab_invite');
		expect(pending).toMatchObject({ path: '/join', httpOnly: true, sameSite: 'Lax' });

		await guest.getByText(fill(nl.join_invited_by, { label: 'Schuldhulp Flevoland' })).waitFor();
		await guest.getByText(nl.join_field_organisation_hint).waitFor();
		await guest.getByText(nl.join_privacy_nothing_kept).waitFor();
		await expectNoSeriousA11yViolations(guest);

		// Without a name nothing happens but a message at the field.
		await guest.getByRole('button', { name: nl.join_submit }).click();
		await guest.locator('#field-name-error').getByText(nl.error_required).waitFor();
		expect(new URL(guest.url()).pathname).toBe('/join');

		await join(guest, 'Henk', 'Schuldhulp Flevoland');
		await guest.waitForURL('**/join/lobby');
		await guest.getByText(nl.join_lobby_waiting).waitFor();
		await guest.getByText(fill(nl.guest_who, { name: 'Henk' })).waitFor();
		expect((await guest.context().cookies()).map((c) => c.name)).not.toContain(
			'maatwerklab_invite'
		);
		await expectNoSeriousA11yViolations(guest);
		// Waiting is not admitted: the plan sends the guest back to the lobby.
		await guest.goto(`/cases/${schoolCase}/plan`);
		expect(new URL(guest.url()).pathname).toBe('/join/lobby');
		await guest.waitForLoadState('networkidle');

		await openHydrated(owner, `/cases/${schoolCase}/invites`);
		await owner.getByRole('button', { name: `${nl.invites_admit} (Henk)` }).click();
		await guest.waitForURL(`**/cases/${schoolCase}/plan`, admitWithin);
		await guest.locator('[data-status="online"][data-synced="true"]').waitFor();
	});

	it('comes straight to the plan with an admit-at-once link: only that page, no copy kept', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, schoolCase, { label: 'Familie', admitAtOnce: true });

		const guest = await open(phone);
		await openLink(guest, link);
		await join(guest, 'Ria', 'familie');
		await guest.waitForURL(`**/cases/${schoolCase}/plan`);
		await guest.locator('[data-status="online"][data-synced="true"]').waitFor();

		// The header: who they are, and leaving; no case list, administration or account.
		const header = guest.locator('header');
		await header.getByText(fill(nl.guest_who, { name: 'Ria' })).waitFor();
		await header.getByRole('button', { name: nl.guest_leave }).waitFor();
		expect(await header.getByRole('navigation').count()).toBe(0);
		expect(await header.getByRole('link', { name: nl.password_change_link }).count()).toBe(0);
		// No link on the page leads to a page of the case the guest may not open.
		const links = await guest
			.locator('main a[href]')
			.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
		expect(links.filter((href) => href?.startsWith('/'))).toEqual([]);

		// Co-editing as a participant, live, and nothing of the case kept in this browser.
		await demo.openPlan(owner, schoolCase);
		// Everyone sees that Ria came in as a guest, Ria too.
		await owner.locator('[data-peer="Ria"]').getByText(nl.guest_badge, { exact: true }).waitFor();
		await guest.locator('[data-self]').getByText(nl.guest_badge, { exact: true }).waitFor();
		const edit = 'Ria helpt twee middagen per week met de lessen.';
		await guest.locator('#breakthrough-text').fill(edit);
		await expect
			.poll(() => owner.locator('#breakthrough-text').inputValue(), admitWithin)
			.toBe(edit);
		await guest.locator('[data-saved="true"]').waitFor();
		expect(await offlineCopies(guest)).toEqual([]);

		// Anywhere else sends the guest back to the plan.
		for (const elsewhere of [
			'/cases',
			`/cases/${schoolCase}`,
			`/cases/${schoolCase}/versions`,
			`/cases/${housingCase}/plan`,
			'/account/password'
		]) {
			await guest.goto(elsewhere);
			expect(new URL(guest.url()).pathname, elsewhere).toBe(`/cases/${schoolCase}/plan`);
		}
	});

	it('reads no offline copy an earlier visitor of this browser left behind', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, schoolCase, { label: 'Wijkteam', admitAtOnce: true });

		const guest = await open(phone);
		// A copy under another name, as the app makes them, with something the case does not say.
		await openHydrated(guest, '/join/left');
		await guest.evaluate(
			(name) =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.open(name);
					request.onupgradeneeded = () => request.result.createObjectStore('updates');
					request.onsuccess = () => {
						request.result.close();
						resolve();
					};
					request.onerror = () => reject(request.error);
				}),
			`${offlineCopyPrefix}someone-else:${caseDocumentName(schoolCase)}`
		);
		expect(await offlineCopies(guest)).toHaveLength(1);

		await openLink(guest, link);
		await join(guest, 'Karin', 'Wijkteam Demostad');
		await guest.waitForURL(`**/cases/${schoolCase}/plan`);
		await guest.locator('[data-status="online"][data-synced="true"]').waitFor();
		await expect.poll(() => offlineCopies(guest)).toEqual([]);
	});

	it('shows one message for every link that lets no one in, revealing nothing', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, housingCase, { label: 'Woonstichting' });
		const first = await open(phone);
		await openLink(first, link);
		await join(first, 'Ahmed', 'Woonstichting Polder');
		await first.waitForURL('**/join/lobby');

		const unknown = `${demo.app.url}/join/${'A'.repeat(43)}`;
		for (const unusable of [link, unknown, `${demo.app.url}/join/kort`]) {
			const guest = await open(phone);
			const opened = await openLink(guest, unusable);
			expect(opened.status(), unusable).toBe(404);
			expect(opened.headers()['referrer-policy']).toBe('no-referrer');
			await guest.getByText(nl.invite_error_unusable).waitFor();
			const text = await guest.locator('body').innerText();
			for (const secret of ['Woonstichting', 'D-02', 'Gezin']) expect(text).not.toContain(secret);
			expect(await guest.locator('form').count()).toBe(0);
			if (unusable === link) await expectNoSeriousA11yViolations(guest);
		}

		// The join page without a link in hand says the same.
		const stranger = await open(phone);
		expect((await stranger.goto('/join'))?.status()).toBe(404);
		await stranger.getByText(nl.invite_error_unusable).waitFor();
	});

	it('tells a guest who was turned away, and one who left, that their access ended', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, housingCase, { label: 'Jeugdhulp', maxUses: 2 });

		const turnedAway = await open(phone);
		await openLink(turnedAway, link);
		await join(turnedAway, 'Bram', 'Jeugdhulp Noord');
		await turnedAway.waitForURL('**/join/lobby');
		await openHydrated(owner, `/cases/${housingCase}/invites`);
		await owner.getByRole('button', { name: `${nl.invites_turn_away} (Bram)` }).click();
		await turnedAway.getByText(nl.join_ended_text).waitFor(admitWithin);
		await expectNoSeriousA11yViolations(turnedAway);

		const leaving = await open(phone);
		await openLink(leaving, link);
		await join(leaving, 'Fleur', 'familie');
		await leaving.waitForURL('**/join/lobby');
		await leaving.getByRole('button', { name: nl.guest_leave }).click();
		await leaving.waitForURL('**/join/left');
		await leaving.getByText(nl.join_left_text).waitFor();
		expect((await leaving.context().cookies()).map((c) => c.name)).not.toContain(
			'maatwerklab_guest'
		);
		await expectNoSeriousA11yViolations(leaving);
	});

	it('tells a guest on the plan at once when their link is withdrawn; a reload says access ended', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, schoolCase, { label: 'Leerplicht', admitAtOnce: true });
		const guest = await open(phone);
		await openLink(guest, link);
		await join(guest, 'Joost', 'Leerplicht Demostad');
		await guest.waitForURL(`**/cases/${schoolCase}/plan`);
		await guest.locator('[data-status="online"][data-synced="true"]').waitFor();

		const entry = owner
			.locator('li[data-invite]')
			.filter({ has: owner.getByRole('heading', { name: 'Leerplicht' }) });
		await entry.locator('summary', { hasText: nl.invites_revoke }).click();
		await entry
			.getByRole('button', { name: fill(nl.invites_revoke_confirm, { label: 'Leerplicht' }) })
			.click();
		const closed = guest.getByRole('alert').filter({ hasText: nl.collab_closed_invite_revoked });
		await closed.waitFor({ timeout: 1_500 });
		expect(await guest.locator('#breakthrough-text').getAttribute('readonly')).not.toBeNull();

		await guest.getByRole('button', { name: nl.collab_reload }).click();
		await guest.waitForURL('**/join/lobby');
		await guest.getByText(nl.join_ended_text).waitFor();
		expect(await guest.locator('header').getByRole('button').count()).toBe(1); // the language
	});

	it('lets an observer guest read along without editing', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, schoolCase, {
			label: 'Stagiair',
			admitAtOnce: true,
			observer: true
		});
		const guest = await open(phone);
		await openLink(guest, link);
		await join(guest, 'Sem', 'Hogeschool Demostad');
		await guest.waitForURL(`**/cases/${schoolCase}/plan`);
		await guest.locator('[data-status="online"][data-synced="true"]').waitFor();
		await guest.getByText(nl.collab_read_only).waitFor();
		expect(await guest.locator('#breakthrough-text').getAttribute('readonly')).not.toBeNull();
		await guest.locator('[data-self]').getByText(nl.case_role_observer, { exact: true }).waitFor();
	});

	// Last: it spends what is left of this address's attempts (30 per 10 minutes).
	it('refuses an address that keeps trying links, also with a good one', async () => {
		const owner = await signIn(sanne);
		const link = await createLink(owner, housingCase, { label: 'Laatste poging' });
		const guest = await open(phone);
		const statuses: number[] = [];
		for (let attempt = 0; attempt < 31 && !statuses.includes(429); attempt++) {
			const response = await guest.request.get(`/join/${'B'.repeat(42)}${attempt % 10}`, {
				maxRedirects: 0
			});
			statuses.push(response.status());
		}
		expect(statuses.at(-1)).toBe(429);
		expect(new Set(statuses.slice(0, -1))).toEqual(new Set([404]));

		const refused = await openLink(guest, link);
		expect(refused.status()).toBe(429);
		await guest.getByText(nl.invite_error_rate_limited).waitFor();
	});
});
