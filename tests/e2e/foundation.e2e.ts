import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
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

// The first-run flow of a fresh deployment, step by step: each test continues where the
// previous one stopped, on one app with an empty data directory.
const admin = { name: 'Ada Beheerder', email: 'ada@example.test', password: 'beheer-wachtwoord-1' };
const member = {
	name: 'Bram Jeugdzorg',
	email: 'bram@example.test',
	password: 'bram-wachtwoord-12'
};
const outsider = {
	name: 'Cato Schuldhulp',
	email: 'cato@example.test',
	password: 'cato-wachtwoord-12'
};
const organisation = 'Gemeente Proefstad (test)';
const familyCase = {
	code: 'Gezin K-17',
	title: 'Schulden en woonruimte',
	municipality: 'Proefstad',
	composition: 'Moeder, twee kinderen (8 en 12).'
};
const unknownCaseId = '0f0e0d0c-0b0a-4909-8807-060504030201';

type AuditRow = { who: string; role: string; action: string; outcome: string };

describe('first run of a fresh deployment', () => {
	// The steps share their pages: a page opened in one test is used in the next.
	const fresh = useApp();
	const freshPage = () => newPage(fresh.browser, fresh.app.url);
	let adminPage: Page;
	let caseId: string;

	beforeAll(async () => {
		adminPage = await freshPage();
	});

	async function readCaseAudit(page: Page): Promise<AuditRow[]> {
		await openHydrated(page, `/cases/${caseId}/audit`);
		const rows = await page.locator('tbody tr').all();
		return Promise.all(
			rows.map(async (row) => {
				const [, who, role, action, outcome] = await row.locator('td').allInnerTexts();
				return { who, role, action, outcome };
			})
		);
	}

	it('opens the setup page and creates the first administrator, who lands signed in', async () => {
		await adminPage.goto('/');
		expect(new URL(adminPage.url()).pathname).toBe('/setup');
		await adminPage.getByRole('heading', { level: 1, name: nl.setup_title }).waitFor();
		await adminPage.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(adminPage);

		await fillFields(adminPage, {
			name: admin.name,
			email: admin.email,
			password: admin.password,
			passwordConfirm: admin.password
		});
		await adminPage.getByRole('button', { name: nl.setup_submit }).click();
		await adminPage.waitForURL('**/admin/organisations');
		await adminPage.getByText(nl.signed_in_as.replace('{name}', admin.name)).waitFor();

		// Setup is done: it now sends people to the login page.
		const again = await fetch(`${fresh.app.url}/setup`, { redirect: 'manual' });
		expect(again.status).toBe(303);
		expect(again.headers.get('location')).toBe('/login');
	});

	it('lets the administrator add an organisation and a professional', async () => {
		await openHydrated(adminPage, '/admin/organisations');
		await expectNoSeriousA11yViolations(adminPage);
		await fillFields(adminPage, { name: organisation });
		await adminPage.locator('#field-kind').selectOption('gemeente');
		await adminPage.getByRole('button', { name: nl.org_add_submit, exact: true }).click();
		await waitForNotice(adminPage, nl.org_created);
		await adminPage.getByRole('rowheader', { name: organisation }).waitFor();

		await createAccount(adminPage, member);
		await openHydrated(adminPage, '/admin/accounts');
		await expectNoSeriousA11yViolations(adminPage);
	});

	async function createAccount(page: Page, person: typeof member) {
		await openHydrated(page, '/admin/accounts');
		await fillFields(page, { name: person.name, email: person.email, password: person.password });
		await page.locator('#field-organisationId').selectOption({ label: organisation });
		await page.locator('#field-role').selectOption('member');
		await page.getByRole('button', { name: nl.account_create_submit }).click();
		await waitForNotice(page, nl.account_created);
		await page.getByRole('cell', { name: person.email }).waitFor();
	}

	it('refuses a BSN as a case code with a clear message at the field', async () => {
		await openHydrated(adminPage, '/cases/new');
		await expectNoSeriousA11yViolations(adminPage);
		await fillFields(adminPage, { ...familyCase, code: 'Gezin 123456782' });
		await adminPage.getByRole('button', { name: nl.case_new_submit }).click();

		const code = adminPage.locator('#field-code');
		await expect.poll(() => code.getAttribute('aria-invalid')).toBe('true');
		const error = adminPage.locator('#field-code-error');
		expect(await error.innerText()).toBe(nl.error_bsn);
		expect(await code.getAttribute('aria-describedby')).toContain('field-code-error');
		expect(new URL(adminPage.url()).pathname).toBe('/cases/new');
		await expectNoSeriousA11yViolations(adminPage);
	});

	it('creates a case and adds the professional as a participant', async () => {
		// The refused form kept the other fields; only the code needs correcting.
		expect(await adminPage.locator('#field-title').inputValue()).toBe(familyCase.title);
		await fillFields(adminPage, { code: familyCase.code });
		await adminPage.getByRole('button', { name: nl.case_new_submit }).click();
		await adminPage.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
		caseId = new URL(adminPage.url()).pathname.split('/')[2];
		await adminPage
			.getByRole('heading', { level: 1, name: `${familyCase.code}: ${familyCase.title}` })
			.waitFor();
		await adminPage.waitForLoadState('networkidle');

		await adminPage
			.locator('#field-userId')
			.selectOption({ label: `${member.name} — ${organisation}` });
		await adminPage.locator('#field-role').selectOption('participant');
		await adminPage.getByRole('button', { name: nl.member_add_submit, exact: true }).click();
		await waitForNotice(adminPage, nl.member_added);
		const memberRow = adminPage.getByRole('row').filter({
			has: adminPage.getByRole('rowheader', { name: member.name })
		});
		expect(await memberRow.getByRole('cell').nth(1).innerText()).toBe(nl.case_role_participant);
		await expectNoSeriousA11yViolations(adminPage);
	});

	it('has accessible plan, versions and audit pages for the case', async () => {
		await adminPage.goto(`/cases/${caseId}/plan`);
		await adminPage.locator('[data-status="online"]').waitFor({ timeout: 10_000 });
		await expectNoSeriousA11yViolations(adminPage);
		await openHydrated(adminPage, `/cases/${caseId}/versions`);
		await expectNoSeriousA11yViolations(adminPage);
		await openHydrated(adminPage, '/admin/audit');
		await expectNoSeriousA11yViolations(adminPage);
	});

	it('logs out, and the member logs in and finds the case in "my cases"', async () => {
		await adminPage.getByRole('button', { name: nl.logout }).click();
		await adminPage.waitForURL('**/login');
		await adminPage.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(adminPage);
		const signedOut = await fetch(`${fresh.app.url}/cases`, {
			redirect: 'manual',
			headers: { cookie: await cookieHeader(adminPage) }
		});
		expect(signedOut.status).toBe(303);

		await logIn(adminPage, member.email, member.password);
		expect(new URL(adminPage.url()).pathname).toBe('/cases');
		await adminPage.getByRole('heading', { level: 1, name: nl.case_list_title }).waitFor();
		await expectNoSeriousA11yViolations(adminPage);
		await adminPage.getByRole('link', { name: familyCase.code }).click();
		await adminPage.waitForURL(`**/cases/${caseId}`);
		await adminPage
			.getByRole('heading', { level: 1, name: `${familyCase.code}: ${familyCase.title}` })
			.waitFor();
	});

	async function cookieHeader(page: Page) {
		const cookies = await page.context().cookies();
		return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
	}

	it('shows a professional who is not a member the same not-found as for no case', async () => {
		const adminAgain = await freshPage();
		await logIn(adminAgain, admin.email, admin.password);
		await createAccount(adminAgain, outsider);
		await adminAgain.context().close();

		const outsiderPage = await freshPage();
		await logIn(outsiderPage, outsider.email, outsider.password);
		const forCase = await outsiderPage.goto(`/cases/${caseId}`);
		expect(forCase?.status()).toBe(404);
		const caseText = await outsiderPage.locator('main').innerText();
		expect(caseText).toContain(nl.error_not_found);
		expect(caseText).not.toContain(familyCase.code);

		const forNothing = await outsiderPage.goto(`/cases/${unknownCaseId}`);
		expect(forNothing?.status()).toBe(404);
		expect(await outsiderPage.locator('main').innerText()).toBe(caseText);
		await outsiderPage.context().close();
	});

	it("shows the owner both reads and the outsider's refused attempt in the audit trail", async () => {
		await adminPage.getByRole('button', { name: nl.logout }).click();
		await adminPage.waitForURL('**/login');
		await logIn(adminPage, admin.email, admin.password);

		const rows = await readCaseAudit(adminPage);
		const reads = (who: string) =>
			rows.filter((row) => row.who === who && row.action === nl.audit_action_case_read);
		expect(reads(admin.name)).toContainEqual({
			who: admin.name,
			role: nl.case_role_owner,
			action: nl.audit_action_case_read,
			outcome: nl.audit_outcome_success
		});
		expect(reads(member.name)).toContainEqual({
			who: member.name,
			role: nl.case_role_participant,
			action: nl.audit_action_case_read,
			outcome: nl.audit_outcome_success
		});
		expect(reads(outsider.name).map((row) => row.outcome)).toEqual([nl.audit_outcome_denied]);
		await expectNoSeriousA11yViolations(adminPage);

		// The administrator's trail holds the same events, with their action codes.
		await openHydrated(adminPage, `/admin/audit?caseId=${caseId}&action=case.read`);
		const codes = await adminPage.locator('tbody tr').evaluateAll((rows) =>
			rows.map((row) => {
				const cells = [...row.querySelectorAll('td')].map((cell) => cell.innerText.trim());
				return `${cells[1]} ${row.querySelector('code.action')?.textContent} ${cells[5]}`;
			})
		);
		expect(codes).toEqual(
			expect.arrayContaining([
				`${admin.name} case.read ${nl.admin_audit_outcome_success}`,
				`${member.name} case.read ${nl.admin_audit_outcome_success}`,
				`${outsider.name} case.read ${nl.admin_audit_outcome_denied}`
			])
		);
	});

	it('switches to English with the header button, and keeps English while navigating', async () => {
		await openHydrated(adminPage, '/cases');
		const nav = adminPage.getByRole('navigation', { name: nl.nav_main });
		expect(await nav.getByRole('link', { name: nl.nav_cases }).count()).toBe(1);

		await adminPage.getByRole('button', { name: nl.language_en }).click();
		await adminPage.getByRole('navigation', { name: en.nav_main }).waitFor();
		expect(new URL(adminPage.url()).pathname).toBe('/cases');
		expect(await adminPage.locator('html').getAttribute('lang')).toBe('en');
		const englishNav = adminPage.getByRole('navigation', { name: en.nav_main });
		expect(await englishNav.getByRole('link', { name: en.nav_cases }).count()).toBe(1);
		await adminPage.getByRole('heading', { level: 1, name: en.case_list_title }).waitFor();

		await englishNav.getByRole('link', { name: en.nav_admin_organisations }).click();
		await adminPage.waitForURL('**/admin/organisations');
		await adminPage.getByRole('heading', { level: 1, name: en.org_title }).waitFor();
		await openHydrated(adminPage, `/cases/${caseId}`);
		expect(await adminPage.locator('html').getAttribute('lang')).toBe('en');
		await adminPage.getByRole('link', { name: en.case_open_plan }).waitFor();
		await expectNoSeriousA11yViolations(adminPage);
	});
});
