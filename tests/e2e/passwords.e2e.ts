import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import nl from '../../messages/nl.json';
import {
	expectNoSeriousA11yViolations,
	fillFields,
	logIn,
	newPage,
	openHydrated,
	useApp,
	waitForNotice
} from './harness';

// One deployment, step by step: a professional changes their password, then an administrator
// sets a new one for them.
const admin = { name: 'Ada Beheerder', email: 'ada@example.test', password: 'beheer-wachtwoord-1' };
const member = {
	name: 'Bram Jeugdzorg',
	email: 'bram@example.test',
	password: 'bram-wachtwoord-12'
};
const changed = 'bram-zijn-nieuwe-wachtwoord';
const setByAdmin = 'door-beheer-ingesteld-1';
const organisation = 'Gemeente Proefstad (test)';

describe('changing and resetting passwords', () => {
	// The steps share their pages: a page opened in one test is used in the next.
	const fresh = useApp();
	const freshPage = () => newPage(fresh.browser, fresh.app.url);
	let adminPage: Page;
	let bramHere: Page;
	let bramElsewhere: Page;

	beforeAll(async () => {
		adminPage = await freshPage();
		await openHydrated(adminPage, '/setup');
		await fillFields(adminPage, {
			name: admin.name,
			email: admin.email,
			password: admin.password,
			passwordConfirm: admin.password
		});
		await adminPage.getByRole('button', { name: nl.setup_submit }).click();
		await adminPage.waitForURL('**/admin/organisations');
		await openHydrated(adminPage, '/admin/organisations');
		await fillFields(adminPage, { name: organisation });
		await adminPage.locator('#field-kind').selectOption('gemeente');
		await adminPage.getByRole('button', { name: nl.org_add_submit, exact: true }).click();
		await waitForNotice(adminPage, nl.org_created);
		await openHydrated(adminPage, '/admin/accounts');
		await fillFields(adminPage, {
			name: member.name,
			email: member.email,
			password: member.password
		});
		await adminPage.locator('#field-organisationId').selectOption({ label: organisation });
		await adminPage.locator('#field-role').selectOption('member');
		await adminPage.getByRole('button', { name: nl.account_create_submit }).click();
		await waitForNotice(adminPage, nl.account_created);
	});

	/** Whether the page's session still lets it in: /cases, or a redirect to /login. */
	async function isSignedIn(page: Page): Promise<boolean> {
		await page.goto('/cases');
		return new URL(page.url()).pathname === '/cases';
	}

	/** Tries a login in a fresh browser context; true when it got past the login page. */
	async function loginWorks(password: string): Promise<boolean> {
		const page = await freshPage();
		try {
			await logIn(page, member.email, password);
			return true;
		} catch {
			return false;
		} finally {
			await page.context().close();
		}
	}

	it('lets a professional change their password; their other session ends', async () => {
		bramHere = await freshPage();
		bramElsewhere = await freshPage();
		await logIn(bramHere, member.email, member.password);
		await logIn(bramElsewhere, member.email, member.password);

		await bramHere.getByRole('link', { name: nl.password_change_link }).click();
		await bramHere.waitForURL('**/account/password');
		await bramHere.getByRole('heading', { level: 1, name: nl.password_change_title }).waitFor();
		await bramHere.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(bramHere);

		// A wrong current password is refused at its field.
		await fillFields(bramHere, {
			currentPassword: 'niet-mijn-wachtwoord',
			password: changed,
			passwordConfirm: changed
		});
		await bramHere.getByRole('button', { name: nl.password_change_submit }).click();
		const currentError = bramHere.locator('#field-currentPassword-error');
		await currentError.waitFor();
		const current = bramHere.locator('#field-currentPassword');
		expect(await current.getAttribute('aria-invalid')).toBe('true');
		expect(await currentError.innerText()).toBe(nl.error_current_password);
		await expectNoSeriousA11yViolations(bramHere);

		await fillFields(bramHere, {
			currentPassword: member.password,
			password: changed,
			passwordConfirm: changed
		});
		await bramHere.getByRole('button', { name: nl.password_change_submit }).click();
		await waitForNotice(bramHere, nl.password_changed);

		expect(await isSignedIn(bramHere)).toBe(true);
		expect(await isSignedIn(bramElsewhere)).toBe(false);
		expect(await loginWorks(member.password)).toBe(false);
		expect(await loginWorks(changed)).toBe(true);
	});

	it('lets an administrator set a new password, which ends all of the account’s sessions', async () => {
		await openHydrated(adminPage, '/admin/accounts');
		await adminPage
			.getByRole('link', { name: new RegExp(`^${nl.account_edit_link}\\W+${member.name}$`) })
			.click();
		await adminPage.getByRole('heading', { level: 2, name: nl.account_password_heading }).waitFor();
		await adminPage.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(adminPage);

		await fillFields(adminPage, { password: setByAdmin, passwordConfirm: 'iets-anders-dan-dat' });
		await adminPage.getByRole('button', { name: nl.account_password_submit }).click();
		await adminPage.locator('#field-passwordConfirm-error').waitFor();
		expect(await adminPage.locator('#field-passwordConfirm').getAttribute('aria-invalid')).toBe(
			'true'
		);

		await fillFields(adminPage, { password: setByAdmin, passwordConfirm: setByAdmin });
		await adminPage.getByRole('button', { name: nl.account_password_submit }).click();
		await waitForNotice(adminPage, nl.account_password_set);
		await expectNoSeriousA11yViolations(adminPage);

		expect(await isSignedIn(bramHere)).toBe(false);
		expect(await loginWorks(changed)).toBe(false);
		expect(await loginWorks(setByAdmin)).toBe(true);
		expect(await isSignedIn(adminPage)).toBe(true);
	});
});
