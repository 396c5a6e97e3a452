import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessEnded } from '$lib/protocol/access';
import { channelClosedEvent, type ChannelClosed } from '$lib/protocol/channel';
import { closeCode } from '$lib/protocol/collab';
import type { LabEventPayloads } from '$lib/protocol/lab';
import { labLobbyEvent, type LabLobby } from '$lib/protocol/lab-channel';
import type { Actor } from '$lib/server/context';
import { journeyRecords } from '$lib/server/db/schema';
import { createInvite, redeemInvite } from '$lib/server/invites';
import type { JourneyRecordV1 } from '$lib/server/journeys/record';
import type { SessionState } from '$lib/server/lab';
import { guestCookieName } from '$lib/server/session-cookie';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import {
	key,
	observationInput,
	planLabSession,
	setUpLabCase,
	startLabSession,
	type LabCast
} from '../../helpers/lab';
import { connected, useLabClients, type LabClient } from '../../helpers/lab-channel';
import { useRealtimeServer, waitFor, type RealtimeServer } from '../../helpers/realtime';

type Joined = { ok: true; state: SessionState } | { ok: false; error: { code: string } };

describe.each(drivers)('guests on the session channel on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const clients = useLabClients();

	/** Every payload of `event` the socket receives from now on. */
	function collect<P>(socket: LabClient, event: string): P[] {
		const seen: P[] = [];
		socket.on(event, (payload: P) => seen.push(payload));
		return seen;
	}

	async function setUp({ running = true } = {}) {
		const server = await realtime.start();
		const cast = await setUpLabCase(t);
		const sessionId = running ? await startLabSession(cast) : await planLabSession(cast);
		const member = async (actor: Actor, caseId = cast.caseId) => {
			const client = clients.connect(server, { caseId, token: await server.tokenFor(actor) });
			await connected(client);
			return client;
		};
		return { server, cast, sessionId, member };
	}

	/** A guest who redeemed a link made by the session's facilitator (through the app, so the lobby signal fires). */
	async function guestThrough(
		server: RealtimeServer,
		cast: LabCast,
		scope: { sessionId: string | null; caseId?: string },
		{
			role = 'participant',
			admitAtOnce = false,
			name = 'Gerda Gast'
		}: { role?: 'participant' | 'observer'; admitAtOnce?: boolean; name?: string } = {}
	) {
		const maker = server.app.createCtx({ actor: cast.owner });
		const invite = await createInvite(
			maker,
			{ caseId: scope.caseId ?? cast.caseId, sessionId: scope.sessionId },
			{ role, label: 'Schuldhulp Flevoland', admitAtOnce: admitAtOnce ? 'on' : '' }
		);
		const redeemed = await redeemInvite(server.app.createCtx({}), invite.token, {
			name,
			organisation: 'familie'
		});
		return { id: redeemed.actor.id, token: redeemed.guestToken, status: redeemed.status };
	}

	/** Connects like a browser of a guest: with the guest cookie. */
	function asGuest(server: RealtimeServer, caseId: string, token: string) {
		return clients.connect(
			server,
			{ caseId },
			{ headers: { cookie: `${guestCookieName}=${encodeURIComponent(token)}` } }
		);
	}

	const refusal = (socket: LabClient) =>
		connected(socket).then(
			() => 'connected',
			(error: { status?: number }) => error.status
		);

	const join = (client: LabClient, sessionId: string) =>
		client.command('lab:join', { sessionId }) as Promise<Joined>;

	it('shows the facilitator a guest arriving in the lobby live; admitted, the guest joins and raises a hand', async () => {
		const { server, cast, sessionId, member } = await setUp();
		const facilitator = await member(cast.facilitator);
		const firstLobby = facilitator.next<LabLobby>(labLobbyEvent);
		expect(await join(facilitator, sessionId)).toMatchObject({ ok: true });
		expect(await firstLobby).toEqual({ caseId: cast.caseId, guests: [] });
		const participant = await member(cast.participant);
		const participantLobbies = collect(participant, labLobbyEvent);
		expect(await join(participant, sessionId)).toMatchObject({ ok: true });

		const arrives = facilitator.next<LabLobby>(labLobbyEvent);
		const guest = await guestThrough(server, cast, { sessionId });
		expect(guest.status).toBe('waiting');
		expect(await arrives).toEqual({
			caseId: cast.caseId,
			guests: [
				{
					id: guest.id,
					name: 'Gerda Gast',
					organisation: 'familie',
					inviteLabel: 'Schuldhulp Flevoland',
					sessionId,
					joinedAt: expect.any(String)
				}
			]
		});
		// Waiting is not being in: the channel does not let them onto the case.
		expect(await refusal(asGuest(server, cast.caseId, guest.token))).toBe(404);
		// Someone who may not let guests in is refused, and the guest still waits.
		expect(await participant.command('lab:guest:admit', { guestId: guest.id })).toEqual({
			ok: false,
			error: { code: 'forbidden', message: expect.any(String) }
		});

		const admitted = facilitator.next<LabLobby>(labLobbyEvent);
		expect(await facilitator.command('lab:guest:admit', { guestId: guest.id })).toEqual({
			ok: true,
			result: { guestId: guest.id },
			replayed: false
		});
		expect(await admitted).toEqual({ caseId: cast.caseId, guests: [] });
		// Deciding twice: the guest no longer waits.
		expect(await facilitator.command('lab:guest:admit', { guestId: guest.id })).toMatchObject({
			ok: false,
			error: { code: 'conflict' }
		});

		const guestClient = asGuest(server, cast.caseId, guest.token);
		await connected(guestClient);
		const guestLobbies = collect(guestClient, labLobbyEvent);
		const presence = facilitator.next<LabEventPayloads['lab:presence']>('lab:presence');
		const joined = await join(guestClient, sessionId);
		expect(joined).toMatchObject({
			ok: true,
			state: { role: 'participant', rights: { raiseHand: true, inviteGuests: false } }
		});
		expect((await presence).participants).toContainEqual(
			expect.objectContaining({
				userId: guest.id,
				name: 'Gerda Gast',
				organisation: 'familie',
				role: 'participant',
				status: 'present',
				guest: true
			})
		);

		const hands = facilitator.next<LabEventPayloads['lab:hands']>('lab:hands');
		expect(
			await guestClient.command('lab:hand:raise', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true, replayed: false });
		expect((await hands).queue).toEqual([
			expect.objectContaining({ userId: guest.id, name: 'Gerda Gast' })
		]);
		expect(
			await guestClient.command('lab:observation:propose', {
				...observationInput(cast.barrier.id),
				sessionId
			})
		).toMatchObject({ ok: true });
		// A participant guest steers nothing and records nothing directly.
		expect(
			await guestClient.command('lab:observation:record', {
				...observationInput(cast.barrier.id),
				sessionId
			})
		).toMatchObject({ ok: false, error: { code: 'forbidden' } });

		// A second arrival: still only the facilitator hears of it.
		const second = facilitator.next<LabLobby>(labLobbyEvent);
		await guestThrough(server, cast, { sessionId }, { name: 'Henk Gast' });
		expect((await second).guests.map((g) => g.name)).toEqual(['Henk Gast']);
		expect(participantLobbies).toEqual([]);
		expect(guestLobbies).toEqual([]);
	});

	it('lets an observer guest follow the session but send nothing', async () => {
		const { server, cast, sessionId, member } = await setUp();
		const guest = await guestThrough(
			server,
			cast,
			{ sessionId },
			{ role: 'observer', admitAtOnce: true }
		);
		expect(guest.status).toBe('admitted');
		const client = asGuest(server, cast.caseId, guest.token);
		await connected(client);
		expect(await join(client, sessionId)).toMatchObject({
			ok: true,
			state: { role: 'observer', rights: { raiseHand: false, proposeObservation: false } }
		});
		for (const [name, payload] of [
			['lab:hand:raise', {}],
			['lab:observation:propose', observationInput(cast.barrier.id)]
		] as const) {
			expect(
				await client.command(name, { idempotencyKey: key(), ...payload, sessionId })
			).toMatchObject({ ok: false, error: { code: 'forbidden' } });
		}
		const facilitator = await member(cast.facilitator);
		expect(await join(facilitator, sessionId)).toMatchObject({
			ok: true,
			state: { hands: [], proposals: [] }
		});
	});

	it('closes a removed guest’s connection with the guestRemoved reason, and the others see them gone', async () => {
		const { server, cast, sessionId, member } = await setUp();
		const facilitator = await member(cast.facilitator);
		await join(facilitator, sessionId);
		const guest = await guestThrough(server, cast, { sessionId }, { admitAtOnce: true });
		const client = asGuest(server, cast.caseId, guest.token);
		await connected(client);
		await join(client, sessionId);

		const closed = client.next<ChannelClosed>(channelClosedEvent);
		const gone = new Promise<LabEventPayloads['lab:presence']>((resolve) =>
			facilitator.on('lab:presence', (payload: LabEventPayloads['lab:presence']) => {
				const entry = payload.participants.find((p) => p.userId === guest.id);
				if (entry?.status === 'left') resolve(payload);
			})
		);
		expect(await facilitator.command('lab:guest:remove', { guestId: guest.id })).toEqual({
			ok: true,
			result: { guestId: guest.id },
			replayed: false
		});
		expect(await closed).toEqual({
			code: closeCode.unauthenticated,
			reason: accessEnded.guestRemoved
		});
		await waitFor(() => client.disconnected, 2000, 'the guest disconnected');
		await gone;
		expect(await refusal(asGuest(server, cast.caseId, guest.token))).toBe(401);
	});

	it('never sends the lobby to participants or observers, and refuses their guest commands', async () => {
		const { server, cast, sessionId, member } = await setUp();
		const guest = await guestThrough(server, cast, { sessionId });
		for (const actor of [cast.participant, cast.scribe, cast.observer]) {
			const client = await member(actor);
			const lobbies = collect(client, labLobbyEvent);
			expect(await join(client, sessionId)).toMatchObject({ ok: true });
			for (const name of ['lab:guest:admit', 'lab:guest:turnAway', 'lab:guest:remove']) {
				expect(await client.command(name, { guestId: guest.id })).toMatchObject({
					ok: false,
					error: { code: 'forbidden' }
				});
			}
			expect(await client.command('lab:guest:admit', { guestId: 'nope' })).toMatchObject({
				ok: false,
				error: { code: expect.stringMatching(/invalid|forbidden/) }
			});
			// The lobby changes while they are in the session: still nothing for them.
			const owner = await member(cast.owner);
			const ownerSees = owner.next<LabLobby>(labLobbyEvent);
			await join(owner, sessionId);
			await ownerSees;
			const changed = owner.next<LabLobby>(labLobbyEvent);
			await guestThrough(server, cast, { sessionId }, { name: `Gast van ${actor.name}` });
			await changed;
			expect(lobbies).toEqual([]);
			owner.disconnect();
		}
		// The facilitator turns the first one away: their cookie stops working.
		const facilitator = await member(cast.facilitator);
		await join(facilitator, sessionId);
		expect(await facilitator.command('lab:guest:turnAway', { guestId: guest.id })).toMatchObject({
			ok: true
		});
		expect(await refusal(asGuest(server, cast.caseId, guest.token))).toBe(401);
	});

	it('disconnects the session’s guests when it ends; a guest of the whole case stays', async () => {
		const { server, cast, sessionId, member } = await setUp();
		const facilitator = await member(cast.facilitator);
		await join(facilitator, sessionId);
		const sessionGuest = await guestThrough(server, cast, { sessionId }, { admitAtOnce: true });
		const caseGuest = await guestThrough(
			server,
			cast,
			{ sessionId: null },
			{ admitAtOnce: true, name: 'Karel Casusgast' }
		);
		const ofSession = asGuest(server, cast.caseId, sessionGuest.token);
		const ofCase = asGuest(server, cast.caseId, caseGuest.token);
		await Promise.all([connected(ofSession), connected(ofCase)]);
		await join(ofSession, sessionId);
		await join(ofCase, sessionId);

		const closed = ofSession.next<ChannelClosed>(channelClosedEvent);
		const ended = ofCase.next<LabEventPayloads['lab:ended']>('lab:ended');
		expect(
			await facilitator.command('lab:end', { sessionId, idempotencyKey: key() })
		).toMatchObject({ ok: true });
		expect(await closed).toEqual({
			code: closeCode.unauthenticated,
			reason: accessEnded.guestSessionEnded
		});
		await waitFor(() => ofSession.disconnected, 2000, 'the session guest disconnected');
		expect((await ended).sessionId).toBe(sessionId);
		expect(ofCase.connected).toBe(true);
		expect(await refusal(asGuest(server, cast.caseId, sessionGuest.token))).toBe(401);

		// The journey record lists both guests who took part, with their organisation, as guests.
		const [stored] = await t
			.ctx()
			.db.select({ record: journeyRecords.record })
			.from(journeyRecords)
			.where(eq(journeyRecords.sessionId, sessionId));
		const record = stored.record as JourneyRecordV1;
		for (const [guest, name] of [
			[sessionGuest, 'Gerda Gast'],
			[caseGuest, 'Karel Casusgast']
		] as const) {
			expect(record.participants).toContainEqual(
				expect.objectContaining({
					userId: guest.id,
					name,
					organisation: 'familie',
					role: 'participant',
					guest: true
				})
			);
		}
		expect(record.participants.find((p) => p.userId === cast.facilitator.id)).not.toHaveProperty(
			'guest'
		);
	});

	it('refuses a guest another session, and another case', async () => {
		const { server, cast, sessionId } = await setUp();
		const other = await planLabSession(cast, { title: 'Tweede overleg' });
		const guest = await guestThrough(server, cast, { sessionId }, { admitAtOnce: true });
		const client = asGuest(server, cast.caseId, guest.token);
		await connected(client);
		expect(await join(client, other)).toMatchObject({ ok: false, error: { code: 'not_found' } });
		expect(
			await client.command('lab:hand:raise', { sessionId: other, idempotencyKey: key() })
		).toMatchObject({ ok: false, error: { code: 'not_found' } });
		const otherCase = await insertCase(t.ctx(), [{ userId: cast.owner.id, role: 'owner' }]);
		expect(await refusal(asGuest(server, otherCase, guest.token))).toBe(404);
		// Nor can a guest of another session of the case reach this one.
		const otherGuest = await guestThrough(
			server,
			cast,
			{ sessionId: other },
			{ admitAtOnce: true }
		);
		const theirs = asGuest(server, cast.caseId, otherGuest.token);
		await connected(theirs);
		expect(await join(theirs, sessionId)).toMatchObject({
			ok: false,
			error: { code: 'not_found' }
		});
	});
});
