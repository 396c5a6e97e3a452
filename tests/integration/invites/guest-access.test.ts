import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { accessEnded } from '$lib/protocol/access';
import { channelClosedEvent, type ChannelClosed } from '$lib/protocol/channel';
import { caseDocumentName, closeCode, messageType } from '$lib/protocol/collab';
import { isoToDutchTime } from '$lib/schemas/dutch-time';
import { loadState } from '$lib/server/collab';
import type { Actor } from '$lib/server/context';
import { documentUpdates, invites } from '$lib/server/db/schema';
import * as lab from '$lib/server/lab';
import { removeGuest, revokeInvite } from '$lib/server/invites';
import { guestCookieName } from '$lib/server/session-cookie';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { admit, joinInput, makeInvite, redeemAs, type Guest } from '../../helpers/invites';
import { key, manualClock, setUpLabCase } from '../../helpers/lab';
import { connected, useLabClients, type LabClient } from '../../helpers/lab-channel';
import {
	useRealtimeServer,
	waitFor,
	waitForSync,
	type Client,
	type RealtimeServer
} from '../../helpers/realtime';

type Closed = { code: number; reason: string };

const dayMs = 24 * 60 * 60 * 1000;
const guestCookie = (guest: Guest) => `${guestCookieName}=${guest.guestToken}`;

/** As a browser sends it: the guest cookie on the upgrade request, no Authorization header. */
function cookieWebSocket(cookie: string) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
		}
	};
}

function connectAsGuest(server: RealtimeServer, caseId: string, guest: Guest): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.collabUrl, caseDocumentName(caseId), doc, {
		WebSocketPolyfill: cookieWebSocket(
			guestCookie(guest)
		) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200
	});
	return {
		doc,
		provider,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A raw upgrade with the guest cookie: open, or refused with the HTTP status. */
function openRaw(server: RealtimeServer, caseId: string, guest: Guest) {
	return new Promise<{ ws: WebSocket; received: Uint8Array[]; closed: Promise<Closed> }>(
		(resolve, reject) => {
			const ws = new WebSocket(`${server.collabUrl}/${caseDocumentName(caseId)}`, {
				headers: { cookie: guestCookie(guest) }
			});
			const received: Uint8Array[] = [];
			const closed = new Promise<Closed>((done) =>
				ws.on('close', (code, reason) => done({ code, reason: reason.toString() }))
			);
			ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
			ws.on('open', () => resolve({ ws, received, closed }));
			ws.on('unexpected-response', (_, response) =>
				reject(Object.assign(new Error('upgrade refused'), { status: response.statusCode }))
			);
			ws.on('error', reject);
		}
	);
}

function closedOf(client: Client): Promise<Closed> {
	return new Promise((resolve) =>
		client.provider.on('connection-close', (event) => {
			if (event) resolve({ code: event.code, reason: event.reason });
		})
	);
}

/** What the session channel says just before it ends the connection, and that it did. */
function channelEndOf(socket: LabClient): Promise<ChannelClosed> {
	const closed = new Promise<ChannelClosed>((resolve) => socket.once(channelClosedEvent, resolve));
	const gone = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
	return Promise.all([closed, gone]).then(([payload]) => payload);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
	return Promise.race([promise, new Promise<null>((resolve) => setTimeout(resolve, ms, null))]);
}

const refusalStatus = (attempt: Promise<unknown>) =>
	attempt.then(
		() => 'connected',
		(error: { status?: number }) => error.status
	);

function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageType.sync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

const messageTypes = (received: Uint8Array[]) =>
	received.map((message) => decoding.readVarUint(decoding.createDecoder(message)));

describe.each(drivers)('what a guest reaches live, on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const labClients = useLabClients();
	const sockets: WebSocket[] = [];
	afterEach(() => {
		sockets.splice(0).forEach((socket) => socket.terminate());
	});

	/**
	 * A case with its cast on the wall clock (the server's capabilities read it), a second case
	 * nobody of the cast's guests belongs to, and a running session with a link of its own.
	 */
	async function setUp() {
		const server = await realtime.start({ accessCheckMs: 60_000 });
		const cast = await setUpLabCase(t, manualClock(new Date()));
		const otherCaseId = await insertCase(t.ctx(), [{ userId: cast.owner.id, role: 'owner' }]);
		const { result } = await lab.planSession(cast.as(cast.facilitator), cast.caseId, {
			idempotencyKey: key(),
			title: 'Casusoverleg',
			scheduledAt: `${isoToDutchTime(new Date(Date.now() + dayMs)).date}T10:00:00+01:00`,
			scribeId: cast.scribe.id
		});
		const sessionId = result.sessionId;
		await lab.startSession(cast.as(cast.facilitator), sessionId, { idempotencyKey: key() });
		// A chosen day, so that a run just before midnight does not see its links expire.
		const expiresOn = isoToDutchTime(new Date(Date.now() + 2 * dayMs)).date;
		const caseLink = await makeInvite(cast, { maxUses: 10, expiresOn });
		const observerLink = await makeInvite(cast, { role: 'observer', maxUses: 5, expiresOn });
		const sessionLink = await makeInvite(cast, { maxUses: 5 }, { sessionId });
		/** The app's own ctx: what its capabilities revoke reaches the live connections. */
		const live = (actor: Actor) => server.app.createCtx({ actor, address: '203.0.113.9' });
		const guestThrough = async (token: string, name: string) =>
			admit(cast, await redeemAs(cast, token, joinInput(name)));
		const raw = async (caseId: string, guest: Guest) => {
			const socket = await openRaw(server, caseId, guest);
			sockets.push(socket.ws);
			return socket;
		};
		const channel = (caseId: string, guest: Guest) =>
			labClients.connect(server, { caseId }, { headers: { cookie: guestCookie(guest) } });
		const document = (caseId: string, guest: Guest) => {
			const client = connectAsGuest(server, caseId, guest);
			realtime.clients.push(client);
			return client;
		};
		return {
			server,
			cast,
			otherCaseId,
			sessionId,
			caseLink,
			observerLink,
			sessionLink,
			live,
			guestThrough,
			raw,
			channel,
			document
		};
	}

	async function storedBreakthrough(caseId: string) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await loadState(t.database.db, caseDocumentName(caseId))).state);
		return doc.getText('breakthroughText').toString();
	}

	describe('never another case', () => {
		it('the document endpoint answers 404 for another case, as for a case that does not exist', async () => {
			const { caseLink, otherCaseId, guestThrough, raw } = await setUp();
			const guest = await guestThrough(caseLink.token, 'Gerda Gast');
			expect(await refusalStatus(raw(otherCaseId, guest))).toBe(404);
			expect(await refusalStatus(raw('00000000-0000-4000-8000-00000000dead', guest))).toBe(404);
		});

		it('the session channel refuses a connection for another case with 404', async () => {
			const { caseLink, otherCaseId, guestThrough, channel } = await setUp();
			const guest = await guestThrough(caseLink.token, 'Gerda Gast');
			expect(await refusalStatus(connected(channel(otherCaseId, guest)))).toBe(404);
		});

		it('a session guest joins their session and no other session of the same case', async () => {
			const { cast, sessionLink, sessionId, guestThrough, channel } = await setUp();
			const guest = await guestThrough(sessionLink.token, 'Sven Sessie');
			const otherSession = await lab.planSession(cast.as(cast.facilitator), cast.caseId, {
				idempotencyKey: key(),
				title: 'Vervolgoverleg',
				scheduledAt: `${isoToDutchTime(new Date(Date.now() + dayMs)).date}T14:00:00+01:00`,
				scribeId: cast.scribe.id
			});
			const socket = channel(cast.caseId, guest);
			await connected(socket);
			expect(await socket.command('lab:join', { sessionId })).toMatchObject({ ok: true });
			expect(
				await socket.command('lab:join', { sessionId: otherSession.result.sessionId })
			).toMatchObject({ ok: false, error: { code: 'not_found' } });
		});
	});

	it('a guest waiting in the lobby cannot open the plan live', async () => {
		const { cast, caseLink, raw, channel } = await setUp();
		const waiting = await redeemAs(cast, caseLink.token);
		expect(waiting.status).toBe('waiting');
		expect(await refusalStatus(raw(cast.caseId, waiting))).toBe(404);
		expect(await refusalStatus(connected(channel(cast.caseId, waiting)))).toBe(404);
	});

	it('an admitted participant guest reads and co-edits the plan over a real y-websocket client', async () => {
		const { cast, caseLink, guestThrough, document } = await setUp();
		const ownerClient = await realtime.connect(cast.caseId, cast.owner);
		await waitForSync(ownerClient);
		ownerClient.doc.getText('breakthroughText').insert(0, 'Een passende woning');

		const guest = await guestThrough(caseLink.token, 'Gerda Gast');
		const guestClient = document(cast.caseId, guest);
		await waitForSync(guestClient);
		await waitFor(
			() => guestClient.doc.getText('breakthroughText').toString() === 'Een passende woning',
			5000,
			"the owner's text at the guest"
		);
		guestClient.doc.getText('breakthroughText').insert(0, 'Vandaag: ');
		await waitFor(
			() =>
				ownerClient.doc.getText('breakthroughText').toString() === 'Vandaag: Een passende woning',
			5000,
			"the guest's edit at the owner"
		);
		expect(await storedBreakthrough(cast.caseId)).toBe('Vandaag: Een passende woning');
		// Presence marks them as who they said they were, in the role the link gave.
		guestClient.provider.awareness.setLocalStateField('cursor', null);
		await waitFor(() =>
			[...ownerClient.provider.awareness.getStates().values()].some(
				(state) => (state.user as { id?: string } | undefined)?.id === guest.actor.id
			)
		);
		const presence = [...ownerClient.provider.awareness.getStates().values()].find(
			(state) => (state.user as { id?: string } | undefined)?.id === guest.actor.id
		);
		expect(presence?.user).toMatchObject({
			name: 'Gerda Gast',
			organisation: 'Schuldhulp Flevoland',
			role: 'participant',
			readOnly: false,
			guest: true
		});
	});

	it('an observer guest sending an update over a raw socket: refused, not stored, not relayed', async () => {
		const { cast, observerLink, guestThrough, raw } = await setUp();
		const ownerClient = await realtime.connect(cast.caseId, cast.owner);
		await waitForSync(ownerClient);
		const rowsBefore = (await t.database.db.select().from(documentUpdates)).length;

		const observer = await guestThrough(observerLink.token, 'Otto Kijker');
		const socket = await raw(cast.caseId, observer);
		const forged = new Y.Doc();
		forged.getText('breakthroughText').insert(0, 'door een waarnemer geschreven');
		socket.ws.send(syncUpdateMessage(Y.encodeStateAsUpdate(forged)));
		await waitFor(
			() => messageTypes(socket.received).includes(messageType.auth),
			3000,
			'permission denied'
		);
		await new Promise((resolve) => setTimeout(resolve, 200));

		expect(await storedBreakthrough(cast.caseId)).toBe('');
		expect(await t.database.db.select().from(documentUpdates)).toHaveLength(rowsBefore);
		expect(ownerClient.doc.getText('breakthroughText').toString()).toBe('');
	});

	describe('access that ends closes open connections at once', () => {
		it('revoking the link closes document and session connections within 1 s; reconnecting is refused', async () => {
			const { cast, caseLink, sessionId, live, guestThrough, document, channel, raw } =
				await setUp();
			const guest = await guestThrough(caseLink.token, 'Gerda Gast');
			const member = await realtime.connect(cast.caseId, cast.participant);
			const guestDoc = document(cast.caseId, guest);
			const socket = channel(cast.caseId, guest);
			await Promise.all([waitForSync(guestDoc), waitForSync(member), connected(socket)]);
			expect(await socket.command('lab:join', { sessionId })).toMatchObject({ ok: true });
			const docClosed = closedOf(guestDoc);
			const channelEnded = channelEndOf(socket);

			const started = Date.now();
			await revokeInvite(live(cast.facilitator), caseLink.id);
			const expected = { code: closeCode.unauthenticated, reason: accessEnded.inviteRevoked };
			expect(await within(docClosed, 1000)).toEqual(expected);
			expect(await within(channelEnded, 1000)).toEqual(expected);
			expect(Date.now() - started).toBeLessThan(1000);

			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(guestDoc.provider.wsconnected).toBe(false);
			expect(member.provider.wsconnected).toBe(true);
			expect(await refusalStatus(raw(cast.caseId, guest))).toBe(401);
			expect(await refusalStatus(connected(channel(cast.caseId, guest)))).toBe(401);
		});

		it('removing one guest closes theirs and leaves the other guest of the same link connected', async () => {
			const { cast, caseLink, live, guestThrough, document, channel, raw } = await setUp();
			const removed = await guestThrough(caseLink.token, 'Rik Weg');
			const staying = await guestThrough(caseLink.token, 'Bea Blijft');
			const removedDoc = document(cast.caseId, removed);
			const stayingDoc = document(cast.caseId, staying);
			const socket = channel(cast.caseId, removed);
			await Promise.all([waitForSync(removedDoc), waitForSync(stayingDoc), connected(socket)]);
			const docClosed = closedOf(removedDoc);
			const channelEnded = channelEndOf(socket);

			await removeGuest(live(cast.facilitator), removed.actor.id);
			const expected = { code: closeCode.unauthenticated, reason: accessEnded.guestRemoved };
			expect(await within(docClosed, 1000)).toEqual(expected);
			expect(await within(channelEnded, 1000)).toEqual(expected);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(stayingDoc.provider.wsconnected).toBe(true);
			expect(await refusalStatus(raw(cast.caseId, removed))).toBe(401);
		});

		it("ending the session ends its own guests; the case's guests stay", async () => {
			const { cast, caseLink, sessionLink, sessionId, live, guestThrough, document, channel } =
				await setUp();
			const sessionGuest = await guestThrough(sessionLink.token, 'Sven Sessie');
			const caseGuest = await guestThrough(caseLink.token, 'Cor Casus');
			const sessionDoc = document(cast.caseId, sessionGuest);
			const caseDoc = document(cast.caseId, caseGuest);
			const sessionSocket = channel(cast.caseId, sessionGuest);
			const caseSocket = channel(cast.caseId, caseGuest);
			await Promise.all([
				waitForSync(sessionDoc),
				waitForSync(caseDoc),
				connected(sessionSocket),
				connected(caseSocket)
			]);
			const docClosed = closedOf(sessionDoc);
			const channelEnded = channelEndOf(sessionSocket);

			await lab.endSession(live(cast.facilitator), sessionId, { idempotencyKey: key() });
			const expected = { code: closeCode.unauthenticated, reason: accessEnded.guestSessionEnded };
			expect(await within(docClosed, 1000)).toEqual(expected);
			expect(await within(channelEnded, 1000)).toEqual(expected);
			await new Promise((resolve) => setTimeout(resolve, 300));
			expect(caseDoc.provider.wsconnected).toBe(true);
			expect(caseSocket.connected).toBe(true);
		});

		it('when the link expires, its guests are closed as a session that ended', async () => {
			const { cast, caseLink, guestThrough, document, channel, raw } = await setUp();
			const guest = await guestThrough(caseLink.token, 'Gerda Gast');
			await t.database.db
				.update(invites)
				.set({ expiresAt: sql`now() + interval '1500 milliseconds'` })
				.where(eq(invites.id, caseLink.id));
			const guestDoc = document(cast.caseId, guest);
			const socket = channel(cast.caseId, guest);
			await Promise.all([waitForSync(guestDoc), connected(socket)]);
			const docClosed = closedOf(guestDoc);
			const channelEnded = channelEndOf(socket);

			const expected = { code: closeCode.unauthenticated, reason: accessEnded.sessionExpired };
			expect(await within(docClosed, 3000)).toEqual(expected);
			expect(await within(channelEnded, 3000)).toEqual(expected);
			expect(await refusalStatus(raw(cast.caseId, guest))).toBe(401);
		});
	});
});
