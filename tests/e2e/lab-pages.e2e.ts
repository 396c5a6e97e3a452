import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { channelNamespace, channelPath } from '$lib/protocol/channel';
import { caseDocumentTypes } from '$lib/protocol/case-document';
import { caseDocumentName, collabPath } from '$lib/protocol/collab';
import { demoPassword } from '$lib/server/demo/data';
import nl from '../../messages/nl.json';
import { requestToken } from '../helpers/app-process';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	fillMessage,
	openHydrated,
	useDemoApp
} from './harness';

// The pages around Change Lab sessions, in Chromium on the demo deployment: planning a session
// through its form, the case's session list, the planreis and a journey record of a session
// that ran over the session channel, and the administrators' categories.
const householdCase = '00000000-0000-4000-8000-000000000303';
const debtsCase = '00000000-0000-4000-8000-000000000305';
const phoneWidth = { width: 390, height: 844 };

const sanne = demoPerson('sanne@demo.example');
const youssef = demoPerson('youssef@demo.example');
const admin = demoPerson('beheer@demo.example');
const marco = demoPerson('marco@demo.example');

const fill = fillMessage;
const key = () => randomUUID();

/** A WebSocket that sends the bearer token, as a program connects to the case document. */
const bearerWebSocket = (token: string) =>
	class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
		}
	};

type Ack = { ok: boolean; result?: Record<string, unknown>; state?: Record<string, unknown> };

describe('the pages around Change Lab sessions', () => {
	const demo = useDemoApp();
	const { signIn } = demo;
	const closers: (() => void)[] = [];

	beforeAll(() => {
		expect(demoRole(householdCase, sanne.id)).toBe('owner');
		expect(demoRole(householdCase, youssef.id)).toBe('participant');
	});

	afterEach(() => {
		closers.splice(0).forEach((close) => close());
	});

	async function expectNoHorizontalScroll(page: Page) {
		const { scrollWidth, clientWidth } = await page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth,
			clientWidth: document.documentElement.clientWidth
		}));
		expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
	}

	const stepTitle = (page: Page, index: number) => page.locator(`#step-${index}-title`);

	it('plans a session through the form: a step edited, reordered, saved as a template', async () => {
		const page = await signIn(sanne);
		await openHydrated(page, `/cases/${householdCase}`);
		await page.getByRole('heading', { name: nl.lab_sessions_heading }).waitFor();
		await page.getByRole('link', { name: nl.lab_session_plan }).click();
		await page.waitForURL(`**/cases/${householdCase}/sessions/new`);
		await page.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(page);

		// The method's default agenda is filled in.
		expect(await page.locator('[id^="step-"][id$="-title"]').count()).toBe(5);
		expect(await stepTitle(page, 0).inputValue()).toMatch(/^Spiegelen/);
		expect(await stepTitle(page, 4).inputValue()).toBe('Terugblik');

		await page.locator('#field-title').fill('Huishouding: wie betaalt');
		await page.locator('#field-goal').fill('Een doorbraak voor hulp in de huishouding.');
		await page.locator('#field-date').fill('2026-12-20');
		await page.locator('#field-time').fill('14:30');
		await page.locator('#field-scribeId').selectOption(youssef.id);

		await stepTitle(page, 1).fill('Analyse: wie betaalt de hulp');
		await page.locator('#step-1-minutes').fill('40');
		// Move the edited step up with the keyboard: it becomes the first step.
		await page.getByRole('button', { name: fill(nl.lab_step_up, { number: 2 }) }).focus();
		await page.keyboard.press('Enter');
		expect(await stepTitle(page, 0).inputValue()).toBe('Analyse: wie betaalt de hulp');
		expect(await stepTitle(page, 1).inputValue()).toMatch(/^Spiegelen/);
		// The focus stays with the step that moved (at the top: on its title).
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-0-title');
		// Remove the last step.
		await page.getByRole('button', { name: fill(nl.lab_step_remove_label, { number: 5 }) }).click();
		expect(await page.locator('[id^="step-"][id$="-title"]').count()).toBe(4);

		await page.locator('#field-saveAsTemplate').check();
		await page.locator('#field-templateName').fill('Huishouding kort');
		await page.getByRole('button', { name: nl.lab_plan_submit, exact: true }).last().click();
		await page.waitForURL(`**/cases/${householdCase}?planned=*`);

		const item = page.locator('#sessions li').filter({ hasText: 'Huishouding: wie betaalt' });
		await item.getByText(nl.lab_status_planned, { exact: true }).waitFor();
		expect(await item.locator('time').innerText()).toMatch(/20 dec\.? 2026.*14:30/);
		await page.getByRole('status').filter({ hasText: nl.lab_session_planned_notice }).waitFor();
		await expectNoSeriousA11yViolations(page);
		await page.setViewportSize(phoneWidth);
		await expectNoHorizontalScroll(page);
		await page.setViewportSize({ width: 1280, height: 720 });

		// Its edit page holds what was saved, in Dutch time, and the template is offered.
		await item.getByRole('link', { name: new RegExp(`^${nl.lab_session_edit}`) }).click();
		await page.waitForURL('**/edit');
		await page.waitForLoadState('networkidle');
		await page.setViewportSize(phoneWidth);
		await expectNoHorizontalScroll(page);
		await page.setViewportSize({ width: 1280, height: 720 });
		expect(await page.locator('#field-time').inputValue()).toBe('14:30');
		expect(await page.locator('#field-date').inputValue()).toBe('2026-12-20');
		expect(await page.locator('#field-scribeId').inputValue()).toBe(youssef.id);
		expect(await stepTitle(page, 0).inputValue()).toBe('Analyse: wie betaalt de hulp');
		expect(await page.locator('#step-0-minutes').inputValue()).toBe('40');
		expect(await page.locator('[id^="step-"][id$="-title"]').count()).toBe(4);
		await page.locator('#field-templateId option', { hasText: 'Huishouding kort' }).waitFor({
			state: 'attached'
		});
		await expectNoSeriousA11yViolations(page);

		// Applying the default template and saving changes the planned session.
		await page.locator('#field-templateId').selectOption('default');
		await page.getByRole('button', { name: nl.lab_template_apply }).click();
		expect(await page.locator('[id^="step-"][id$="-title"]').count()).toBe(5);
		await page.getByRole('button', { name: nl.lab_edit_submit, exact: true }).last().click();
		await page.waitForURL(`**/cases/${householdCase}?planned=*`);
	});

	it('changes the agenda without JavaScript: the buttons post the steps as indexed fields', async () => {
		const page = await signIn(sanne, { javaScriptEnabled: false });

		await page.goto(`/cases/${householdCase}/sessions/new`);
		const stepCount = () => page.locator('[id^="step-"][id$="-title"]').count();
		await page.getByRole('button', { name: fill(nl.lab_step_remove_label, { number: 1 }) }).click();
		await page.waitForLoadState('load');
		expect(await stepCount()).toBe(4);
		await page.locator('#field-templateId').selectOption('default');
		await page.getByRole('button', { name: nl.lab_template_apply }).click();
		await page.waitForLoadState('load');
		expect(await stepCount()).toBe(5);
		await stepTitle(page, 0).fill('Eerst de belemmeringen');
		await page.getByRole('button', { name: fill(nl.lab_step_down, { number: 1 }) }).click();
		await page.waitForLoadState('load');
		expect(await stepTitle(page, 1).inputValue()).toBe('Eerst de belemmeringen');
		await page.getByRole('button', { name: nl.lab_step_add }).click();
		await page.waitForLoadState('load');
		expect(await stepCount()).toBe(6);
		await stepTitle(page, 5).fill('Afspraken vastleggen');
		await page.locator('#field-title').fill('Zonder JavaScript gepland');
		await page.locator('#field-date').fill('2026-12-21');
		await page.locator('#field-time').fill('09:00');
		// The same form posted twice (a double click, a resend) plans one session.
		const form = page.locator('main form');
		const fields = await form.evaluate((element) =>
			Object.fromEntries(
				[...new FormData(element as HTMLFormElement)].map(([name, value]) => [name, String(value)])
			)
		);
		const post = () =>
			page.request.post(`/cases/${householdCase}/sessions/new`, {
				form: { ...fields, op: 'save' },
				headers: { origin: demo.app.url, accept: 'text/html' },
				maxRedirects: 0
			});
		const answers = await Promise.all([post(), post()]);
		expect(answers.map((answer) => answer.status())).toEqual([303, 303]);
		expect(answers[0].headers().location).toBe(answers[1].headers().location);
		await page.getByRole('button', { name: nl.lab_plan_submit, exact: true }).last().click();
		await page.waitForURL(`**/cases/${householdCase}?planned=*`);
		const listed = page.locator('#sessions li').filter({ hasText: 'Zonder JavaScript gepland' });
		await listed.getByText(nl.lab_status_planned, { exact: true }).waitFor();
		expect(await listed.count()).toBe(1);
	});

	/** A socket.io client of the session channel, authenticated like a program. */
	function channelClient(token: string): Socket {
		const socket = io(`${demo.app.url}${channelNamespace}`, {
			path: channelPath,
			auth: { caseId: householdCase, token },
			transports: ['websocket'],
			forceNew: true
		});
		closers.push(() => socket.disconnect());
		return socket;
	}

	async function command(socket: Socket, event: string, payload: object): Promise<Ack> {
		const answer = (await socket.emitWithAck(event, payload)) as Ack;
		if (!answer.ok) throw new Error(`${event}: ${JSON.stringify(answer)}`);
		return answer;
	}

	/** A y-websocket client on the case document; resolves once synced. */
	async function documentClient(token: string): Promise<Y.Doc> {
		const doc = new Y.Doc();
		const url = `${demo.app.url.replace(/^http/, 'ws')}${collabPath}`;
		const provider = new WebsocketProvider(url, caseDocumentName(householdCase), doc, {
			WebSocketPolyfill: bearerWebSocket(token) as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		closers.push(() => {
			provider.destroy();
			doc.destroy();
		});
		await new Promise<void>((resolve) => {
			if (provider.synced) resolve();
			else provider.once('sync', () => resolve());
		});
		return doc;
	}

	/** Waits until another client of the document sees `check` hold: the server stored it. */
	async function stored(token: string, check: (doc: Y.Doc) => boolean) {
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			if (check(await documentClient(token))) return;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		throw new Error('the document change was not stored in time');
	}

	const planItem = (fields: Record<string, string>) =>
		new Y.Map<unknown>(
			Object.entries({ ...fields, position: 1, costEstimate: null }).map(([name, value]) => [
				name,
				typeof value === 'string' && name !== 'id' && name !== 'status' && name !== 'dueDate'
					? new Y.Text(value)
					: value
			])
		);

	it('shows a session ended over the channel on the planreis and in its journey record', async () => {
		const [sanneToken, youssefToken] = await Promise.all([
			requestToken(demo.app.url, sanne.email, demoPassword),
			requestToken(demo.app.url, youssef.email, demoPassword)
		]);

		// The plan before the session: one action.
		const doc = await documentClient(sanneToken);
		const types = caseDocumentTypes(doc);
		types.planItems.set(
			'item-hulp',
			planItem({
				id: 'item-hulp',
				action: 'Hulp bij het huishouden aanvragen',
				organisation: 'Gemeente Demostad',
				person: 'Sanne',
				legalBasis: 'Wmo 2015',
				dueDate: '2026-12-31',
				status: 'concept'
			})
		);
		await stored(youssefToken, (d) => caseDocumentTypes(d).planItems.has('item-hulp'));

		const facilitator = channelClient(sanneToken);
		const participant = channelClient(youssefToken);
		const planned = await command(facilitator, 'lab:plan', {
			idempotencyKey: key(),
			title: 'Doorbraak huishouding',
			scheduledAt: new Date().toISOString()
		});
		const sessionId = String(planned.result!.sessionId);
		// Commands are for a joined session; joining a running one marks you present.
		await command(facilitator, 'lab:join', { sessionId });
		await command(facilitator, 'lab:start', { sessionId, idempotencyKey: key() });
		const joined = await command(facilitator, 'lab:join', { sessionId });
		await command(participant, 'lab:join', { sessionId });
		const categories = joined.state!.categories as { id: string; kind: string; label: string }[];
		const barrier = categories.find((c) => c.kind === 'belemmering')!;
		const opportunity = categories.find((c) => c.kind === 'kans')!;

		// During the session: the action is submitted, one is added, the doorbraak agreed.
		doc.transact(() => {
			const item = types.planItems.get('item-hulp')!;
			item.set('status', 'ingediend');
			types.planItems.set(
				'item-budget',
				planItem({
					id: 'item-budget',
					action: 'Maatwerkbudget inzetten voor de overbrugging',
					organisation: 'Gemeente Demostad',
					person: 'Sanne',
					legalBasis: '',
					dueDate: '2026-12-24',
					status: 'concept'
				})
			);
			types.breakthroughText.insert(0, 'Vader krijgt hulp in huis zolang hij herstelt.');
			types.breakthrough.set('agreedOn', '2026-11-20');
		});
		await stored(youssefToken, (d) => caseDocumentTypes(d).planItems.has('item-budget'));

		await command(facilitator, 'lab:observation:record', {
			sessionId,
			idempotencyKey: key(),
			kind: 'belemmering',
			text: 'Onduidelijk wie de hulp betaalt',
			categoryId: barrier.id,
			planItemId: 'item-hulp'
		});
		const proposed = await command(participant, 'lab:observation:propose', {
			sessionId,
			idempotencyKey: key(),
			kind: 'kans',
			text: 'Het maatwerkbudget overbrugt de wachttijd',
			categoryId: opportunity.id
		});
		await command(facilitator, 'lab:proposal:resolve', {
			sessionId,
			idempotencyKey: key(),
			proposalId: proposed.result!.proposalId,
			resolution: { as: 'accept' }
		});
		const ended = await command(facilitator, 'lab:end', { sessionId, idempotencyKey: key() });
		expect(ended.ok).toBe(true);

		// The case page links the ended session's record.
		const page = await signIn(sanne);
		await openHydrated(page, `/cases/${householdCase}`);
		const item = page.locator('#sessions li').filter({ hasText: 'Doorbraak huishouding' });
		await item.getByText(nl.lab_status_ended, { exact: true }).waitFor();
		await page.getByRole('link', { name: nl.journey_link }).click();
		await page.waitForURL('**/planreis');
		await page.waitForLoadState('networkidle');
		await expectNoSeriousA11yViolations(page);

		const stop = page.locator('article').filter({ hasText: 'Doorbraak huishouding' });
		await stop
			.getByText(
				fill(nl.journey_diff_summary, { added: 1, changed: 1, removed: 0 }) +
					`; ${nl.journey_diff_breakthrough_changed}`
			)
			.waitFor();
		await stop
			.getByText(fill(nl.journey_observation_counts, { kansen: 1, belemmeringen: 1 }))
			.waitFor();
		expect(await stop.innerText()).toMatch(
			/2 deelnemers: Gemeente Demostad \(fictief\), Jeugdhulp Noord \(fictief\)/
		);
		await page.getByText(/Doorbraak afgesproken op 20 nov\.? 2026/).waitFor();
		await page.setViewportSize(phoneWidth);
		await expectNoHorizontalScroll(page);

		await stop.getByRole('link', { name: 'Doorbraak huishouding' }).click();
		await page.waitForURL('**/planreis/*');
		await page.waitForLoadState('networkidle');
		await expectNoHorizontalScroll(page);
		await page.setViewportSize({ width: 1280, height: 900 });
		await expectNoSeriousA11yViolations(page);

		const added = page.locator('[data-diff="added"]');
		expect(await added.innerText()).toContain('Maatwerkbudget inzetten voor de overbrugging');
		const changed = page.locator('[data-diff="changed"]');
		expect(await changed.innerText()).toContain('Hulp bij het huishouden aanvragen');
		expect(await changed.innerText()).toContain(
			`${nl.plan_status}: ${fill(nl.journey_diff_from_to, { before: nl.plan_status_concept, after: nl.plan_status_ingediend })}`
		);
		expect(await page.locator('[data-diff="removed"]').count()).toBe(0);
		await page.getByText('Vader krijgt hulp in huis zolang hij herstelt.').waitFor();

		const barrierItem = page.locator('[data-kind="belemmering"]');
		expect(await barrierItem.innerText()).toContain('Onduidelijk wie de hulp betaalt');
		expect(await barrierItem.innerText()).toContain('Hulp bij het huishouden aanvragen');
		expect(await page.locator('[data-kind="kans"]').innerText()).toContain(
			'Het maatwerkbudget overbrugt de wachttijd'
		);
		await page.locator('.proposals').getByText(nl.lab_proposal_accepted).waitFor();
		await page.getByRole('row', { name: /Youssef Jeugdhulp/ }).waitFor();

		// A dated addendum; the record itself stays as it was.
		await page.locator('#field-text').fill('De budgethouder was Petra, niet Sanne.');
		await page.getByRole('button', { name: nl.journey_addendum_submit }).click();
		await page.getByRole('status').filter({ hasText: nl.journey_addendum_added }).waitFor();
		await page.locator('.addenda').getByText('De budgethouder was Petra, niet Sanne.').waitFor();
		await page.setViewportSize(phoneWidth);
		await expectNoHorizontalScroll(page);
	});

	it("shows the demo debts case's two sessions on its planreis, and today's session starts", async () => {
		const page = await signIn(sanne);
		await openHydrated(page, `/cases/${debtsCase}/planreis`);
		const stops = page.locator('article');
		await stops.first().waitFor();
		expect(await stops.count()).toBe(2);
		expect(await stops.nth(0).innerText()).toContain('Eerste Change Lab: ontruiming dreigt');
		expect(await stops.nth(1).innerText()).toContain('Tweede Change Lab: wie betaalt de € 500?');
		await page.getByText(fill(nl.journey_days_between, { days: 14 })).waitFor();
		await page.getByText(/Doorbraak afgesproken op .*: 17 dagen geleden\./).waitFor();
		await expectNoSeriousA11yViolations(page);

		// Today's session, planned by the demo, is started by its facilitator from the live view.
		const facilitator = await signIn(marco);
		await openHydrated(facilitator, `/cases/${debtsCase}`);
		const today = facilitator
			.locator('#sessions li')
			.filter({ hasText: 'Derde Change Lab: voortgang schuldregeling' });
		await today.getByText(nl.lab_status_planned, { exact: true }).waitFor();
		await today
			.getByRole('link', { name: 'Derde Change Lab: voortgang schuldregeling', exact: true })
			.click();
		await facilitator.waitForURL('**/sessions/*');
		await facilitator.locator('[data-channel="online"]').waitFor({ timeout: 20_000 });
		await facilitator.getByRole('button', { name: nl.labview_start }).click();
		await facilitator.locator('[data-session-status="running"]').waitFor({ timeout: 20_000 });
	});

	it('lets an administrator add, rename, deactivate and reactivate a category', async () => {
		const member = await signIn(sanne);
		const refused = await member.goto('/admin/categories');
		expect(refused?.status()).toBe(403);

		const page = await signIn(admin);
		await openHydrated(page, '/admin/categories');
		await expectNoSeriousA11yViolations(page);
		await page.locator('#field-kind').selectOption('belemmering');
		await page.locator('#field-label').fill('Wachtlijst bij de aanbieder');
		await page.getByRole('button', { name: nl.category_add_submit, exact: true }).click();
		await page.getByRole('status').filter({ hasText: nl.category_created }).waitFor();

		const label = fill(nl.category_rename_label, { label: 'Wachtlijst bij de aanbieder' });
		await page.getByLabel(label).fill('Wachtlijst bij elke aanbieder');
		await page
			.getByRole('button', {
				name: new RegExp(`^${nl.category_rename}\\W+Wachtlijst bij de aanbieder$`)
			})
			.click();
		await page.getByRole('status').filter({ hasText: nl.category_renamed }).waitFor();
		const row = page.getByRole('row', { name: /Wachtlijst bij elke aanbieder/ });
		await row.waitFor();

		await row.getByRole('button', { name: new RegExp(`^${nl.category_deactivate}`) }).click();
		await page.getByRole('status').filter({ hasText: nl.category_deactivated }).waitFor();
		await row.getByText(nl.category_inactive).waitFor();
		await expectNoSeriousA11yViolations(page);

		await row.getByRole('button', { name: new RegExp(`^${nl.category_reactivate}`) }).click();
		await page.getByRole('status').filter({ hasText: nl.category_reactivated }).waitFor();
		expect(await row.getByText(nl.category_inactive).count()).toBe(0);
	});
});
