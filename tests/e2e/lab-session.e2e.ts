import { io } from 'socket.io-client';
import type { Page, WebSocketRoute } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { channelNamespace, channelPath } from '$lib/protocol/channel';
import nl from '../../messages/nl.json';
import {
	demoPerson,
	demoRole,
	expectNoSeriousA11yViolations,
	fillMessage,
	openHydrated,
	type RunningApp,
	useDemoApp
} from './harness';

// A whole Change Lab session in three browsers: the facilitator and two participants of other
// organisations, on the demo deployment's home-schooling case.
const caseId = '00000000-0000-4000-8000-000000000301';
const live = { timeout: 10_000 };

const marco = demoPerson('marco@demo.example');
const lotte = demoPerson('lotte@demo.example');
const youssef = demoPerson('youssef@demo.example');

const say = fillMessage;

/** Plans a session on the case over the session channel, as the signed-in `page` would. */
async function planSession(app: RunningApp, page: Page): Promise<string> {
	const cookie = (await page.context().cookies())
		.map(({ name, value }) => `${name}=${value}`)
		.join('; ');
	const socket = io(`${app.url}${channelNamespace}`, {
		path: channelPath,
		auth: { caseId },
		transports: ['websocket'],
		extraHeaders: { cookie, origin: app.url },
		forceNew: true
	});
	try {
		const answer = await socket.timeout(10_000).emitWithAck('lab:plan', {
			idempotencyKey: crypto.randomUUID(),
			title: 'Change Lab thuisonderwijs',
			goal: 'Waarom staat het plan stil?',
			scheduledAt: new Date().toISOString()
		});
		if (!answer.ok) throw new Error(`planning failed: ${JSON.stringify(answer)}`);
		return answer.result.sessionId as string;
	} finally {
		socket.disconnect();
	}
}

describe('a Change Lab session, live in three browsers', () => {
	const demo = useDemoApp();
	const { signIn } = demo;
	let facilitator: Page;
	let participant: Page;
	let colleague: Page;
	let sessionId: string;

	beforeAll(async () => {
		expect(demoRole(caseId, marco.id)).toBe('facilitator');
		expect(demoRole(caseId, lotte.id)).toBe('participant');
		expect(demoRole(caseId, youssef.id)).toBe('participant');
		expect(new Set([marco, lotte, youssef].map((p) => p.organisationId)).size).toBe(3);

		// Opened before the tests, these pages stay open through all of them.
		[facilitator, participant, colleague] = await Promise.all([
			signIn(marco),
			signIn(lotte),
			signIn(youssef)
		]);
		sessionId = await planSession(demo.app, facilitator);
	});

	let colleagueRemoved = false;
	const everyone = () => [facilitator, participant, ...(colleagueRemoved ? [] : [colleague])];
	const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
	const currentStep = (page: Page) =>
		page.locator('[aria-current="step"]').getAttribute('data-step');
	const remainingMs = async (page: Page) =>
		Number(await page.locator('[data-remaining-ms]').getAttribute('data-remaining-ms'));
	const timerStatus = (page: Page) => page.locator('[data-timer]').getAttribute('data-timer');

	async function openSession(page: Page) {
		await openHydrated(page, `/cases/${caseId}/sessions/${sessionId}`);
		await page.locator('[data-channel="online"]').waitFor(live);
	}

	/** Every screen shows `value` for `read` within the live timeout. */
	async function expectOnAll(read: (page: Page) => Promise<unknown>, value: unknown) {
		for (const page of everyone()) await expect.poll(() => read(page), live).toEqual(value);
	}

	it('is started by the facilitator, and everyone sees who is present', async () => {
		await Promise.all(everyone().map(openSession));
		// Server-rendered: the title is there at first paint, and only the facilitator may start.
		await expect
			.poll(() => participant.locator('h1').textContent())
			.toBe('Change Lab thuisonderwijs');
		expect(await button(participant, nl.labview_start).count()).toBe(0);

		await button(facilitator, nl.labview_start).click();
		await expectOnAll(
			(page) => page.locator('[data-session-status]').getAttribute('data-session-status'),
			'running'
		);
		await expectOnAll(currentStep, '0');
		for (const person of [marco, lotte, youssef]) {
			await expect
				.poll(
					() =>
						colleague
							.locator(`[data-person="${person.name}"]`)
							.getAttribute('data-presence', { timeout: 1000 })
							.catch(() => null),
					live
				)
				.toBe('present');
		}
		await expect(
			colleague.locator(`[data-person="${lotte.name}"]`).textContent()
		).resolves.toContain('Samenwerkingsverband Onderwijs');
		// Participants get no steering controls.
		expect(await button(participant, nl.labview_timer_start).count()).toBe(0);
		expect(await button(participant, nl.labview_step_next).count()).toBe(0);
	});

	it('keeps one countdown on every screen: start, pause, resume and add time', async () => {
		await button(facilitator, nl.labview_timer_start).click();
		await expectOnAll(timerStatus, 'running');
		const started = await Promise.all(everyone().map(remainingMs));
		// Step 1 of the default agenda; within a second of each other on every screen.
		expect(Math.max(...started) - Math.min(...started)).toBeLessThan(1000);
		expect(Math.max(...started)).toBeLessThanOrEqual(20 * 60_000 + 1000);
		expect(Math.min(...started)).toBeGreaterThan(19 * 60_000);
		const endsAt = say(nl.labview_timer_ends_at, { time: '' }).trim();
		expect(await participant.getByText(endsAt).count()).toBe(1);

		await button(facilitator, nl.labview_timer_pause).click();
		await expectOnAll(timerStatus, 'paused');
		const paused = await Promise.all(everyone().map(remainingMs));
		expect(new Set(paused).size).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(await remainingMs(participant)).toBe(paused[0]);

		await button(facilitator, nl.labview_timer_resume).click();
		await expectOnAll(timerStatus, 'running');
		await button(facilitator, nl.labview_timer_add).click();
		await expect.poll(() => remainingMs(colleague), live).toBeGreaterThan(paused[0] + 4 * 60_000);
		const added = await Promise.all(everyone().map(remainingMs));
		expect(Math.max(...added) - Math.min(...added)).toBeLessThan(1000);
	});

	it('gives the word to a raised hand', async () => {
		await button(participant, nl.labview_hand_raise).click();
		await expect
			.poll(() => facilitator.locator(`[data-hand="${lotte.name}"]`).count(), live)
			.toBe(1);
		await button(facilitator, say(nl.labview_hand_next, { name: lotte.name })).click();
		await expectOnAll(
			(page) => page.getByText(say(nl.labview_hands_taken, { name: lotte.name })).count(),
			1
		);
		await expectOnAll((page) => page.locator('[data-hand]').count(), 0);
		await button(participant, nl.labview_hand_raise).waitFor(live);
	});

	async function propose(page: Page, kind: string, text: string) {
		const form = page.locator('form', { hasText: nl.labview_observation_propose_heading });
		await form.getByLabel(kind, { exact: true }).check();
		await form.getByLabel(nl.labview_observation_text).fill(text);
		await form.getByLabel(nl.labview_observation_category).selectOption({ index: 1 });
		await form.getByRole('button', { name: nl.labview_observation_propose }).click();
		await form.getByText(nl.labview_observation_proposed).waitFor(live);
	}

	it('lets a participant propose; the facilitator accepts one edited and declines one, and the proposer sees both', async () => {
		await propose(participant, nl.labview_kind_kans, 'Maatwerkbudget voor een laptop');
		await propose(participant, nl.labview_kind_belemmering, 'Niemand neemt de regie');
		const queue = facilitator.locator('[data-proposal]');
		await expect.poll(() => queue.count(), live).toBe(2);
		// The other participant neither sees the queue nor another's proposals.
		expect(await colleague.locator('[data-proposal], [data-my-proposal]').count()).toBe(0);

		const first = facilitator.locator('[data-proposal="Maatwerkbudget voor een laptop"]');
		await first
			.getByLabel(nl.labview_proposal_text)
			.fill('Maatwerkbudget voor een laptop voor de zoon');
		await first.getByRole('button', { name: nl.labview_proposal_accept }).click();
		const second = facilitator.locator('[data-proposal="Niemand neemt de regie"]');
		await second.getByLabel(nl.labview_proposal_note).fill('Staat al in het plan');
		await second.getByRole('button', { name: nl.labview_proposal_decline }).click();
		await expect.poll(() => queue.count(), live).toBe(0);

		const mine = (text: string) =>
			participant.locator(`[data-my-proposal="${text}"]`).getAttribute('data-status');
		await expect.poll(() => mine('Maatwerkbudget voor een laptop'), live).toBe('accepted');
		await expect.poll(() => mine('Niemand neemt de regie'), live).toBe('declined');
		await expect(
			participant.locator('[data-my-proposal="Niemand neemt de regie"]').textContent()
		).resolves.toContain('Staat al in het plan');
		await expectOnAll(
			(page) =>
				page
					.locator(
						'[data-kind="kans"] [data-observation="Maatwerkbudget voor een laptop voor de zoon"]'
					)
					.count(),
			1
		);
		await expectOnAll(
			(page) => page.locator('[data-kind="belemmering"] [data-observation]').count(),
			0
		);
	});

	it('places an observation on the board by keyboard, live on every screen', async () => {
		const text = 'Maatwerkbudget voor een laptop voor de zoon';
		const place = facilitator.getByLabel(say(nl.labview_board_place, { text }));
		await place.focus();
		await place.selectOption({
			label: `${nl.labview_board_row_ideas} · ${nl.labview_board_column_future}`
		});
		await expectOnAll(
			(page) => page.locator(`[data-cell="ideas:future"] [data-placed="${text}"]`).count(),
			1
		);
		// The mirror of the present shows the case's own plan, without retyping.
		expect(await participant.locator('[data-mirror="present"]').count()).toBe(1);
		expect(await participant.locator('[data-mirror="past"]').count()).toBe(1);
	});

	it('rejoins by itself after a dropped connection and delivers what was sent meanwhile', async () => {
		// A fresh tab whose session channel the test can break (Chromium's offline mode alone
		// holds an open WebSocket's frames back rather than closing it).
		const sockets: WebSocketRoute[] = [];
		const page = await colleague.context().newPage();
		await page.routeWebSocket(/\/socket\.io\//, (socket) => {
			sockets.push(socket);
			socket.connectToServer();
		});
		await colleague.close();
		colleague = page;
		await openSession(colleague);

		await colleague.context().setOffline(true);
		await Promise.all(sockets.splice(0).map((socket) => socket.close()));
		await colleague.locator('[data-channel="reconnecting"]').waitFor(live);
		await expect
			.poll(() =>
				facilitator
					.locator(`[data-person="${youssef.name}"]`)
					.getAttribute('data-presence', { timeout: 1000 })
					.catch(() => null)
			)
			.toBe('away');
		// Sent while offline: it waits, and goes out once the session is joined again.
		await button(colleague, nl.labview_hand_raise).click();
		await colleague.context().setOffline(false);
		await colleague.locator('[data-channel="online"]').waitFor({ timeout: 20_000 });
		await expect
			.poll(() => facilitator.locator(`[data-hand="${youssef.name}"]`).count(), live)
			.toBe(1);
		await button(colleague, nl.labview_hand_lower).click();
		await expectOnAll((p) => p.locator('[data-hand]').count(), 0);
	});

	it('passes axe, and fits a 390 px phone without sideways scrolling', async () => {
		await expectNoSeriousA11yViolations(facilitator);
		await expectNoSeriousA11yViolations(participant);
		await participant.setViewportSize({ width: 390, height: 844 });
		await openSession(participant);
		await expect
			.poll(() =>
				participant.evaluate(
					() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
				)
			)
			.toBe(true);
		await participant.setViewportSize({ width: 1280, height: 800 });
	});

	it('turns read-only with the reason when the case owner removes a participant', async () => {
		const owner = await signIn(demoPerson('sanne@demo.example'));
		await openHydrated(owner, `/cases/${caseId}`);
		const member = owner.locator('details', { hasText: youssef.name });
		await member.locator('summary').click();
		await member
			.getByRole('button', { name: say(nl.member_remove_confirm, { name: youssef.name }) })
			.click();
		colleagueRemoved = true;
		await colleague.getByText(nl.collab_closed_removed).waitFor(live);
		await colleague.locator('[data-channel="closed"]').waitFor(live);
		expect(await button(colleague, nl.labview_hand_raise).count()).toBe(0);
		expect(
			await colleague.locator('form', { hasText: nl.labview_observation_propose }).count()
		).toBe(0);
	});

	it('goes through every step, then ends with a link to its journey record', async () => {
		const steps = await facilitator.locator('[data-step]').count();
		expect(steps).toBe(5);
		for (let index = 1; index < steps; index++) {
			await button(facilitator, nl.labview_step_next).click();
			await expectOnAll(currentStep, String(index));
		}
		expect(await button(facilitator, nl.labview_step_next).isDisabled()).toBe(true);

		await button(facilitator, nl.labview_end).click();
		await facilitator.getByRole('dialog').getByRole('button', { name: nl.labview_end }).click();
		await expectOnAll(
			(page) => page.locator('[data-session-status]').getAttribute('data-session-status'),
			'ended'
		);
		for (const page of everyone()) {
			const link = page.getByRole('link', { name: nl.labview_record_link });
			await link.waitFor(live);
			expect(await link.getAttribute('href')).toMatch(
				new RegExp(`^/cases/${caseId}/planreis/[0-9a-f-]{36}$`)
			);
		}
		expect(await button(facilitator, nl.labview_timer_pause).count()).toBe(0);
	});
});
