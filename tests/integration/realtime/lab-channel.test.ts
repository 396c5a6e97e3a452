import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessEnded } from '$lib/protocol/access';
import { channelClosedEvent, channelLimits, type ChannelClosed } from '$lib/protocol/channel';
import { closeCode } from '$lib/protocol/collab';
import type { SessionView } from '$lib/protocol/lab';
import { removeMember } from '$lib/server/cases';
import {
	auditEvents,
	journeyRecords,
	labCommands,
	labObservations,
	labSessions,
	sessions
} from '$lib/server/db/schema';
import type { SessionState } from '$lib/server/lab';
import { drivers, useTestDatabase } from '../../helpers/database';
import { insertCase } from '../../helpers/cases';
import { setUpLabCase, type LabCast } from '../../helpers/lab';
import { connected, useLabClients, type LabClient } from '../../helpers/lab-channel';
import {
	useRealtimeServer,
	type RealtimeOptions,
	type RealtimeServer
} from '../../helpers/realtime';

const key = () => randomUUID();
type Answer<R = unknown> = { ok: true; result: R; replayed: boolean };

describe.each(drivers)('the session channel (socket.io) on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const clients = useLabClients();

	async function setUp(options: RealtimeOptions = {}) {
		const server = await realtime.start(options);
		const cast = await setUpLabCase(t);
		const asOn = async (caseId: string, actor: LabCast['owner']) => {
			const client = clients.connect(
				server,
				{ caseId },
				{
					headers: { authorization: `Bearer ${await server.tokenFor(actor)}` }
				}
			);
			await connected(client);
			return client;
		};
		const as = (actor: LabCast['owner']) => asOn(cast.caseId, actor);
		return { server, cast, as, asOn };
	}

	async function plannedSession(facilitator: LabClient) {
		const planned = (await facilitator.command('lab:plan', {
			idempotencyKey: key(),
			title: 'Casusoverleg gezin',
			scheduledAt: '2026-03-02T10:00:00+01:00'
		})) as Answer<{ sessionId: string }>;
		expect(planned).toMatchObject({ ok: true, replayed: false });
		return planned.result.sessionId;
	}

	async function join(client: LabClient, sessionId: string) {
		const joined = (await client.command('lab:join', { sessionId })) as {
			ok: boolean;
			state: SessionState;
		};
		expect(joined.ok).toBe(true);
		return joined.state;
	}

	it('refuses a connection without a session, for a non-member, from another site, or without a case', async () => {
		const { server, cast } = await setUp();
		const refusedWith = (socket: LabClient) =>
			connected(socket).then(
				() => 'connected',
				(error: { status?: number }) => error.status
			);
		expect(await refusedWith(clients.connect(server, { caseId: cast.caseId }))).toBe(401);
		const outsider = await server.tokenFor(cast.outsider);
		expect(
			await refusedWith(clients.connect(server, { caseId: cast.caseId, token: outsider }))
		).toBe(404);
		expect(
			await refusedWith(clients.connect(server, { caseId: 'not-a-case', token: outsider }))
		).toBe(400);
		const owner = await server.tokenFor(cast.owner);
		const foreign = clients.connect(
			server,
			{ caseId: cast.caseId, token: owner },
			{ headers: { origin: 'https://elsewhere.example' } }
		);
		expect(await refusedWith(foreign)).not.toBe('connected');
		expect(await refusedWith(clients.connect(server, { caseId: cast.caseId, token: owner }))).toBe(
			'connected'
		);
	});

	it('broadcasts a command to everyone in the session only after it is committed, then acknowledges it', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const participant = await as(cast.participant);
		const observer = await as(cast.observer);
		const sessionId = await plannedSession(facilitator);
		await Promise.all(
			[facilitator, participant, observer].map((client) => join(client, sessionId))
		);

		const seen = Promise.all(
			[participant, observer].map((c) => c.next<SessionView>('lab:session'))
		);
		const started = await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		expect(started).toMatchObject({ ok: true, replayed: false });
		for (const view of await seen) expect(view).toMatchObject({ sessionId, status: 'running' });
		const [stored] = await t.database.db
			.select({ status: labSessions.status })
			.from(labSessions)
			.where(eq(labSessions.id, sessionId));
		expect(stored.status).toBe('running');
	});

	it('answers each role as the policy says, and refuses malformed input with a reason', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const participant = await as(cast.participant);
		const observer = await as(cast.observer);
		const sessionId = await plannedSession(facilitator);
		await Promise.all(
			[facilitator, participant, observer].map((client) => join(client, sessionId))
		);

		expect(
			await observer.command('lab:hand:raise', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		expect(
			await participant.command('lab:start', { sessionId, idempotencyKey: key() })
		).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		expect(
			await participant.command('lab:plan', {
				idempotencyKey: key(),
				title: 'x',
				scheduledAt: '2026-03-02T10:00:00Z'
			})
		).toMatchObject({
			ok: false,
			error: { code: 'forbidden' }
		});
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		expect(
			await participant.command('lab:hand:raise', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true });
		expect(
			await facilitator.command('lab:timer', { sessionId, idempotencyKey: key(), op: 'explode' })
		).toMatchObject({
			ok: false,
			error: { code: 'invalid' }
		});
		expect(
			await facilitator.command('lab:step:go', { sessionId, idempotencyKey: key(), index: 'two' })
		).toMatchObject({
			ok: false,
			error: { code: 'invalid' }
		});
		expect(await facilitator.command('lab:start', 'not an object')).toMatchObject({
			ok: false,
			error: { code: 'invalid' }
		});
		expect(await facilitator.command('lab:self-destruct', {})).toMatchObject({
			ok: false,
			error: { code: 'invalid', message: 'unknown command' }
		});
		expect(facilitator.connected).toBe(true);
	});

	it('records a replayed command once and answers it the same', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		const observation = {
			sessionId,
			idempotencyKey: key(),
			kind: 'belemmering',
			text: 'Afwijzing op een tweede grond die er al die tijd was',
			categoryId: cast.barrier.id
		};
		const [first, second] = await Promise.all([
			facilitator.command('lab:observation:record', observation),
			facilitator.command('lab:observation:record', observation)
		]);
		const third = await facilitator.command('lab:observation:record', observation);
		const answers = [first, second, third] as Answer[];
		expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
		expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
		expect(new Set(answers.map((a) => JSON.stringify(a.result))).size).toBe(1);
		const stored = await t.database.db
			.select()
			.from(labObservations)
			.where(eq(labObservations.sessionId, sessionId));
		expect(stored).toHaveLength(1);
	});

	it('takes no command for a session of another case, nor one the connection did not join', async () => {
		const { cast, as, asOn } = await setUp();
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		// The same owner on a second case: a connection is for one case only.
		const otherCaseId = await insertCase(t.ctx(), [{ userId: cast.owner.id, role: 'owner' }]);
		const otherOwner = await asOn(otherCaseId, cast.owner);
		expect(await otherOwner.command('lab:join', { sessionId })).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
		// Nothing of the session was read for that connection, so its case's trail shows no read.
		const reads = await t.database.db
			.select({ outcome: auditEvents.outcome })
			.from(auditEvents)
			.where(and(eq(auditEvents.caseId, cast.caseId), eq(auditEvents.action, 'lab.state.read')));
		expect(reads).toEqual([]);
		expect(
			await otherOwner.command('lab:start', { sessionId, idempotencyKey: key() })
		).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
		expect(
			await facilitator.command('lab:start', { sessionId, idempotencyKey: key() })
		).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});

	it('a command counts as activity, so the session of someone who only works live does not go idle', async () => {
		const { cast, as } = await setUp({ activityEveryMs: 0 });
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		const lastSeenAt = new Date(Date.now() - 5 * 60 * 1000);
		await t.database.db
			.update(sessions)
			.set({ lastSeenAt })
			.where(eq(sessions.userId, cast.owner.id));
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		const deadline = Date.now() + 5000;
		let seen = lastSeenAt;
		while (seen <= lastSeenAt && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			[{ lastSeenAt: seen }] = await t.database.db
				.select({ lastSeenAt: sessions.lastSeenAt })
				.from(sessions)
				.where(eq(sessions.userId, cast.owner.id));
		}
		expect(seen.getTime()).toBeGreaterThan(Date.now() - 60_000);
	});

	it('two facilitators ending the session at the same moment leave exactly one journey record', async () => {
		const { cast, as } = await setUp();
		const owner = await as(cast.owner);
		const facilitator = await as(cast.facilitator);
		const sessionId = await plannedSession(owner);
		await Promise.all([join(owner, sessionId), join(facilitator, sessionId)]);
		await owner.command('lab:start', { sessionId, idempotencyKey: key() });
		await owner.command('lab:handover', {
			sessionId,
			idempotencyKey: key(),
			userId: cast.facilitator.id
		});
		const ended = owner.next<{ recordId: string }>('lab:ended');
		const answers = await Promise.all([
			owner.command('lab:end', { sessionId, idempotencyKey: key() }),
			facilitator.command('lab:end', { sessionId, idempotencyKey: key() })
		]);
		expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
		const records = await t.database.db
			.select({ id: journeyRecords.id })
			.from(journeyRecords)
			.where(eq(journeyRecords.sessionId, sessionId));
		expect(records).toHaveLength(1);
		expect((await ended).recordId).toBe(records[0].id);
	});

	it('closes the connection of a member whose access ends, at once, with the reason', async () => {
		const { server, cast, as } = await setUp();
		const participant = await as(cast.participant);
		const closed = participant.next<ChannelClosed>(channelClosedEvent);
		await removeMember(
			server.app.createCtx({ actor: cast.owner }),
			cast.caseId,
			cast.participant.id
		);
		expect(await closed).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.membershipEnded
		});
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(participant.connected).toBe(false);
	});

	it('limits commands per connection and cuts a message over the payload limit', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		const burst = await Promise.all(
			Array.from({ length: channelLimits.commandBurst + 10 }, () =>
				facilitator.command('lab:hand:lower', { sessionId, idempotencyKey: key() })
			)
		);
		expect(burst.some((answer) => !answer.ok && answer.error.code === 'rate_limited')).toBe(true);

		const disconnected = facilitator.next<string>('disconnect');
		facilitator.emit('lab:observation:record', {
			text: 'x'.repeat(channelLimits.maxPayloadBytes * 2)
		});
		expect(await disconnected).toBeTruthy();
	});

	it('refuses a BSN-like number in the plan item reference as in every text field, and stores nothing', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const participant = await as(cast.participant);
		const sessionId = await plannedSession(facilitator);
		await Promise.all([join(facilitator, sessionId), join(participant, sessionId)]);
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		const observation = {
			kind: 'kans',
			text: 'Oma kan de kinderen op woensdag ophalen',
			categoryId: cast.opportunity.id,
			planItemId: 'item 123456782'
		};
		for (const [client, name] of [
			[facilitator, 'lab:observation:record'],
			[participant, 'lab:observation:propose']
		] as const) {
			expect(
				await client.command(name, { ...observation, sessionId, idempotencyKey: key() })
			).toMatchObject({
				ok: false,
				error: { code: 'invalid', message: expect.stringMatching(/planItemId/) }
			});
		}
		const proposed = (await participant.command('lab:observation:propose', {
			...observation,
			planItemId: null,
			sessionId,
			idempotencyKey: key()
		})) as Answer<{ proposalId: string }>;
		expect(
			await facilitator.command('lab:proposal:resolve', {
				sessionId,
				idempotencyKey: key(),
				proposalId: proposed.result.proposalId,
				resolution: { as: 'accept', edits: { planItemId: '1234 56 782' } }
			})
		).toMatchObject({ ok: false, error: { code: 'invalid' } });
		const stored = await t.database.db
			.select()
			.from(labObservations)
			.where(eq(labObservations.sessionId, sessionId));
		expect(stored).toEqual([]);
	});

	it('holds one person to a number of connections, also when they connect all at once', async () => {
		const { server, cast, as } = await setUp();
		const token = await server.tokenFor(cast.participant);
		const flood = Array.from({ length: channelLimits.connectionsPerUser + 5 }, () =>
			clients.connect(server, { caseId: cast.caseId, token })
		);
		await Promise.all(flood.map((socket) => connected(socket).catch(() => {})));
		await new Promise((resolve) => setTimeout(resolve, 200));
		const open = flood.filter((socket) => socket.connected);
		expect(open.length).toBeGreaterThan(0);
		expect(open.length).toBeLessThanOrEqual(channelLimits.connectionsPerUser);
		while (open.length < channelLimits.connectionsPerUser) {
			const another = clients.connect(server, { caseId: cast.caseId, token });
			await connected(another);
			open.push(another);
		}
		const oneMore = clients.connect(server, { caseId: cast.caseId, token });
		expect(await connected(oneMore).catch((error: { status?: number }) => error.status)).toBe(429);

		// Others are not held back by it, and a closed connection frees its place.
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		await join(open[0], sessionId);
		const seen = open[0].next<SessionView>('lab:session');
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		expect(await seen).toMatchObject({ status: 'running' });
		open.forEach((socket) => socket.disconnect());
		await new Promise((resolve) => setTimeout(resolve, 200));
		await as(cast.participant);
	});

	it('joining again on the same connection reloads the state without a presence write or broadcast', async () => {
		const { cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const participant = await as(cast.participant);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		await join(participant, sessionId);
		const presenceEvents: unknown[] = [];
		facilitator.on('lab:presence', (payload) => presenceEvents.push(payload));
		const presenceWrites = async () =>
			(
				await t.database.db
					.select({ command: labCommands.command })
					.from(labCommands)
					.where(eq(labCommands.actorId, cast.participant.id))
			).filter((row) => row.command === 'lab:presence:set').length;
		const writesBefore = await presenceWrites();

		for (let i = 0; i < 10; i++) await join(participant, sessionId);
		expect(await presenceWrites()).toBe(writesBefore);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(presenceEvents).toEqual([]);

		// Leaving and coming back is a change again.
		expect(await participant.command('lab:leave', { sessionId })).toMatchObject({ ok: true });
		const back = facilitator.next<{ participants: { userId: string; status: string }[] }>(
			'lab:presence'
		);
		await new Promise((resolve) => setTimeout(resolve, 100));
		const state = await join(participant, sessionId);
		expect(state.session.status).toBe('running');
		await back;
		expect(await presenceWrites()).toBe(writesBefore + 2);
	});

	it('a restart in the middle of a session loses nothing acknowledged; the timer carries on and clients resume', async () => {
		const { server, cast, as } = await setUp();
		const facilitator = await as(cast.owner);
		const sessionId = await plannedSession(facilitator);
		await join(facilitator, sessionId);
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		await facilitator.command('lab:timer', { sessionId, idempotencyKey: key(), op: 'start' });
		const before = await join(facilitator, sessionId);
		const endsAt = before.session.steps[before.session.currentStep!].timer.endsAt;
		expect(endsAt).not.toBeNull();

		const port = server.port;
		await server.close();
		const reconnected = facilitator.next('connect', 10_000);
		const restarted: RealtimeServer = await realtime.start({ port });
		await reconnected;
		const after = await join(facilitator, sessionId);
		expect(after.session.status).toBe('running');
		expect(after.session.steps[after.session.currentStep!].timer).toMatchObject({
			status: 'running',
			endsAt
		});
		expect(
			await facilitator.command('lab:step:next', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true });
		expect(restarted.port).toBe(port);
	});
});
