import { randomUUID } from 'node:crypto';
import type { Packet } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { channelNamespace } from '$lib/protocol/channel';
import { removeMember } from '$lib/server/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { insertCase } from '../../helpers/cases';
import { setUpLabCase, type LabCast } from '../../helpers/lab';
import { connected, useLabClients, type LabClient } from '../../helpers/lab-channel';
import { useRealtimeServer } from '../../helpers/realtime';

const key = () => randomUUID();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** socket.io packet type 2: an event. */
const eventPacket = 2;

describe.each(drivers)('session channel connection state recovery on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const clients = useLabClients();

	async function setUp() {
		const server = await realtime.start();
		const cast = await setUpLabCase(t);
		const connect = async (caseId: string, actor: LabCast['owner']) => {
			const client = clients.connect(server, { caseId, token: await server.tokenFor(actor) });
			await connected(client);
			return client;
		};
		return { server, cast, connect };
	}

	async function runningSession(facilitator: LabClient) {
		const planned = (await facilitator.command('lab:plan', {
			idempotencyKey: key(),
			title: 'Casusoverleg gezin',
			scheduledAt: '2026-03-02T10:00:00+01:00'
		})) as { ok: true; result: { sessionId: string } };
		const { sessionId } = planned.result;
		expect(await facilitator.command('lab:join', { sessionId })).toMatchObject({ ok: true });
		await facilitator.command('lab:start', { sessionId, idempotencyKey: key() });
		return sessionId;
	}

	/** Drops the transport without a goodbye, as a lost network would, and stays away. */
	async function dropTransport(client: LabClient) {
		client.io.reconnection(false);
		const gone = client.next('disconnect');
		client.io.engine.close();
		await gone;
	}

	/** Every event packet of the session channel that reaches the client, connected or not. */
	function wire(client: LabClient): unknown[][] {
		const seen: unknown[][] = [];
		client.io.on('packet', (packet: Packet) => {
			if (packet.type === eventPacket && packet.nsp === channelNamespace) seen.push(packet.data);
		});
		return seen;
	}

	it('sends a member removed while disconnected none of the events they missed', async () => {
		const { cast, connect } = await setUp();
		const owner = await connect(cast.caseId, cast.owner);
		const participant = await connect(cast.caseId, cast.participant);
		const sessionId = await runningSession(owner);
		expect(await participant.command('lab:join', { sessionId })).toMatchObject({ ok: true });

		await dropTransport(participant);
		await owner.command('lab:observation:record', {
			sessionId,
			idempotencyKey: key(),
			kind: 'kans',
			text: 'Geheim na de verwijdering',
			categoryId: cast.opportunity.id
		});
		await removeMember(t.ctx(cast.owner), cast.caseId, cast.participant.id);

		const seen = wire(participant);
		const refused = new Promise<number | undefined>((resolve) =>
			participant.once('connect_error', (error: Error & { data?: { status?: number } }) =>
				resolve(error.data?.status)
			)
		);
		participant.connect();
		expect(await refused).toBe(404);
		await pause(100);
		expect(JSON.stringify(seen)).not.toContain('Geheim');
		expect(seen).toEqual([]);
	});

	it('a connection recovered for another case receives nothing of the case it was on', async () => {
		const { cast, connect } = await setUp();
		const owner = await connect(cast.caseId, cast.owner);
		const participant = await connect(cast.caseId, cast.participant);
		const sessionId = await runningSession(owner);
		expect(await participant.command('lab:join', { sessionId })).toMatchObject({ ok: true });
		const otherCaseId = await insertCase(t.ctx(), [{ userId: cast.participant.id, role: 'owner' }]);

		await dropTransport(participant);
		await owner.command('lab:hand:raise', { sessionId, idempotencyKey: key() });
		await removeMember(t.ctx(cast.owner), cast.caseId, cast.participant.id);
		const seen = wire(participant);
		participant.auth = { ...(participant.auth as object), caseId: otherCaseId };
		participant.connect();
		await connected(participant);

		await owner.command('lab:hand:lower', { sessionId, idempotencyKey: key() });
		await owner.command('lab:observation:record', {
			sessionId,
			idempotencyKey: key(),
			kind: 'kans',
			text: 'Na de verwijdering vastgelegd',
			categoryId: cast.opportunity.id
		});
		await pause(150);
		expect(seen).toEqual([]);
		expect(
			await participant.command('lab:hand:raise', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: false, error: { code: 'not_found' } });
	});

	it('a connection recovered on its own case gets what it missed and keeps its sessions', async () => {
		const { cast, connect } = await setUp();
		const owner = await connect(cast.caseId, cast.owner);
		const participant = await connect(cast.caseId, cast.participant);
		const sessionId = await runningSession(owner);
		expect(await participant.command('lab:join', { sessionId })).toMatchObject({ ok: true });

		await dropTransport(participant);
		await owner.command('lab:hand:raise', { sessionId, idempotencyKey: key() });
		const missed = participant.next('lab:hands');
		participant.connect();
		await connected(participant);
		expect(participant.recovered).toBe(true);
		await missed;
		expect(
			await participant.command('lab:hand:raise', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true });
	});
});
