import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	expectNoSeriousA11yViolations,
	fillMessage,
	openHydrated,
	useDemoApp
} from './harness';

// The lobby in the session view, in Chromium on the demo deployment: the session's facilitator
// sees a guest arrive (announced), lets them in from the session panel, sees them marked as a
// guest among the people, and takes them out again; the guest's view links nowhere else.
const debtsCase = '00000000-0000-4000-8000-000000000305';
const todaysSession = 'Derde Change Lab: voortgang schuldregeling';
const marco = demoPerson('marco@demo.example');
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const live = { timeout: 10_000 };

const fill = fillMessage;

async function sessionIdOf(page: Page): Promise<string> {
	await openHydrated(page, `/cases/${debtsCase}`);
	const href = await page
		.locator('#sessions li')
		.filter({ hasText: todaysSession })
		.getByRole('link', { name: todaysSession, exact: true })
		.getAttribute('href');
	return href!.split('/sessions/')[1];
}

describe('the lobby in the session view', () => {
	const { signIn, open } = useDemoApp();

	it('lets the facilitator admit an arriving guest, who takes part marked as guest, and remove them; the journey record lists them as guest', async () => {
		const facilitator = await signIn(marco);
		const sessionId = await sessionIdOf(facilitator);
		const sessionPath = `/cases/${debtsCase}/sessions/${sessionId}`;
		await openHydrated(facilitator, sessionPath);
		await facilitator.getByRole('button', { name: nl.labview_start }).click();
		const lobby = facilitator.locator('section[data-lobby]');
		await lobby.getByText(nl.lab_guest_lobby_empty).waitFor(live);

		// The panel's link leads to the session's invite links; make one there.
		await lobby.getByRole('link', { name: nl.lab_guest_invite_link }).click();
		await facilitator.waitForURL(`**/cases/${debtsCase}/invites?session=${sessionId}`);
		await facilitator.waitForLoadState('networkidle');
		await facilitator.getByLabel(nl.invites_field_label).fill('Familie');
		await facilitator.getByRole('button', { name: nl.invites_create_submit }).click();
		const link = await facilitator
			.getByLabel(nl.invites_created_link, { exact: true })
			.inputValue();
		await openHydrated(facilitator, sessionPath);
		await lobby.getByText(nl.lab_guest_lobby_empty).waitFor(live);

		const guest = await open(phone);
		await guest.goto(link, { waitUntil: 'networkidle' });
		await guest.locator('#field-name').fill('Gerda');
		await guest.locator('#field-organisation').fill('familie');
		await guest.getByRole('button', { name: nl.join_submit }).click();
		await guest.waitForURL('**/join/lobby');

		// Live in the panel, and said aloud by the status region.
		await lobby.locator('[data-waiting="Gerda"]').waitFor(live);
		await lobby
			.getByRole('status')
			.filter({ hasText: fill(nl.lab_guest_arrived, { name: 'Gerda', organisation: 'familie' }) })
			.waitFor();
		await expectNoSeriousA11yViolations(facilitator);
		await lobby
			.getByRole('button', { name: fill(nl.lab_guest_admit_named, { name: 'Gerda' }) })
			.click();
		await lobby.getByText(nl.lab_guest_lobby_empty).waitFor(live);

		// The guest's lobby page takes them to the session; it links nowhere else in the case.
		await guest.waitForURL(`**${sessionPath}`, live);
		await guest.getByText(nl.lab_guest_you_are_guest).waitFor(live);
		await guest.locator('[data-channel="online"]').waitFor(live);
		expect(await guest.getByRole('link', { name: nl.labview_back_to_case }).count()).toBe(0);
		const caseLinks = await guest
			.locator('main a[href]')
			.evaluateAll((links) => links.map((a) => a.getAttribute('href')));
		expect(
			caseLinks.filter((href) => href?.startsWith(`/cases/${debtsCase}`) && href !== sessionPath)
		).toEqual([]);
		expect(await guest.locator('section[data-lobby]').count()).toBe(0);

		const person = facilitator.locator('li[data-person="Gerda"]');
		await person.locator('.badge', { hasText: nl.lab_guest_badge }).waitFor(live);
		await person.getByRole('button', { name: nl.lab_guest_remove }).click();
		await facilitator
			.getByRole('dialog')
			.getByRole('button', { name: nl.lab_guest_remove })
			.click();
		await guest.getByText(nl.collab_closed_guest_removed).waitFor(live);
		await facilitator.locator('li[data-person="Gerda"]').waitFor({ state: 'detached', ...live });

		// The journey record lists her among who took part, marked as guest, with her organisation.
		await facilitator.getByRole('button', { name: nl.labview_end }).click();
		await facilitator.getByRole('dialog').getByRole('button', { name: nl.labview_end }).click();
		await facilitator.getByRole('link', { name: nl.labview_record_link }).click();
		await facilitator.waitForURL(`**/cases/${debtsCase}/planreis/**`);
		const row = facilitator.getByRole('row').filter({ hasText: 'Gerda' });
		await row.locator('.badge', { hasText: nl.lab_guest_badge }).waitFor(live);
		await row.getByRole('cell', { name: 'familie', exact: true }).waitFor();
		await expectNoSeriousA11yViolations(facilitator);
	});
});
