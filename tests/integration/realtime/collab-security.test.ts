import http from 'node:http';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loadState } from '$lib/server/collab';
import { documentUpdates } from '$lib/server/db/schema';
import { caseDocumentName, closeCode, limits, messageType } from '$lib/protocol/collab';
import { insertActor } from '../../helpers/actors';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import {
	useRealtimeServer,
	waitFor,
	waitForSync,
	type RealtimeOptions,
	type RealtimeServer
} from '../../helpers/realtime';

type RawSocket = {
	ws: WebSocket;
	received: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
};

function openRaw(
	url: string,
	headers: Record<string, string>,
	options: WebSocket.ClientOptions = {}
): Promise<RawSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, { ...options, headers });
		const received: Uint8Array[] = [];
		const closed = new Promise<{ code: number; reason: string }>((done) =>
			ws.on('close', (code, reason) => done({ code, reason: reason.toString() }))
		);
		ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
		ws.on('open', () => resolve({ ws, received, closed }));
		ws.on('unexpected-response', (_, response) =>
			reject(Object.assign(new Error('upgrade refused'), { status: response.statusCode }))
		);
		ws.on('error', reject);
	});
}

function syncUpdateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageType.sync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

function awarenessMessage(clientID: number, state: Record<string, unknown>): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState(state);
	const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID]);
	awareness.destroy();
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, messageType.awareness);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

function anEdit(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('breakthroughText').insert(0, text);
	return Y.encodeStateAsUpdate(doc);
}

function messageTypes(received: Uint8Array[]): number[] {
	return received.map((m) => decoding.readVarUint(decoding.createDecoder(m)));
}

describe.each(drivers)('live co-editing refuses what it must, on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const evictAfterMs = 50;
	let server: RealtimeServer;
	const sockets: WebSocket[] = [];

	afterEach(() => {
		sockets.splice(0).forEach((s) => s.terminate());
	});

	async function setUp(options: Omit<RealtimeOptions, 'app'> = {}) {
		server = await realtime.start({ app: { documents: { evictAfterMs } }, ...options });
		const owner = await insertActor(t.ctx(), { name: 'Olga Owner', organisation: 'Gemeente' });
		const observer = await insertActor(t.ctx(), { name: 'Otto Observer', organisation: 'UWV' });
		const outsider = await insertActor(t.ctx(), { name: 'Xander Outsider', organisation: 'GGZ' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: owner.id, role: 'owner' },
			{ userId: observer.id, role: 'observer' }
		]);
		const url = `${server.collabUrl}/${caseDocumentName(caseId)}`;
		const raw = async (
			actor: typeof owner,
			headers: Record<string, string> = {},
			options: WebSocket.ClientOptions = {}
		) => {
			const socket = await openRaw(
				url,
				{ authorization: `Bearer ${await server.tokenFor(actor)}`, ...headers },
				options
			);
			sockets.push(socket.ws);
			return socket;
		};
		return { owner, observer, outsider, caseId, url, raw };
	}

	async function storedText(caseId: string) {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await loadState(t.database.db, caseDocumentName(caseId))).state);
		return doc.getText('breakthroughText').toString();
	}

	it('refuses the upgrade without a session, for a non-member, and from a foreign origin', async () => {
		const { outsider, owner, url, raw } = await setUp();
		await expect(openRaw(url, {})).rejects.toMatchObject({ status: 401 });
		await expect(openRaw(url, { authorization: 'Bearer forged' })).rejects.toMatchObject({
			status: 401
		});
		await expect(raw(outsider)).rejects.toMatchObject({ status: 404 });
		await expect(raw(owner, { origin: 'https://evil.example' })).rejects.toMatchObject({
			status: 403
		});
		const unknownCase = `${server.collabUrl}/${caseDocumentName('00000000-0000-4000-8000-00000000dead')}`;
		await expect(
			openRaw(unknownCase, { authorization: `Bearer ${await server.tokenFor(owner)}` })
		).rejects.toMatchObject({ status: 404 });
	});

	it('tells an observer its writes are refused, and neither stores nor relays them', async () => {
		const { owner, observer, caseId, raw } = await setUp();
		const ownerClient = await realtime.connect(caseId, owner);
		await waitForSync(ownerClient);
		const rowsBefore = (await t.database.db.select().from(documentUpdates)).length;

		const socket = await raw(observer);
		socket.ws.send(syncUpdateMessage(anEdit('door observer geschreven')));
		await waitFor(() => messageTypes(socket.received).includes(messageType.auth), 3000, 'denial');
		await new Promise((r) => setTimeout(r, 200));
		expect(ownerClient.doc.getText('breakthroughText').toString()).toBe('');
		expect(await storedText(caseId)).toBe('');
		expect(await t.database.db.select().from(documentUpdates)).toHaveLength(rowsBefore);

		// The observer still sees the owner's edits live.
		ownerClient.doc.getText('breakthroughText').insert(0, 'van de eigenaar');
		const observerClient = await realtime.connect(caseId, observer);
		await waitFor(
			() => observerClient.doc.getText('breakthroughText').toString() === 'van de eigenaar'
		);
	});

	it("does not refuse an observer's resync, which repeats deletions the server knows", async () => {
		const { owner, observer, caseId } = await setUp();
		const ownerClient = await realtime.connect(caseId, owner);
		await waitForSync(ownerClient);
		const text = ownerClient.doc.getText('breakthroughText');
		text.insert(0, 'Een passende woning');
		text.delete(0, 4);

		const observerClient = await realtime.connect(caseId, observer);
		let denials = 0;
		const handleAuth = observerClient.provider.messageHandlers[messageType.auth];
		observerClient.provider.messageHandlers[messageType.auth] = (...args) => {
			denials++;
			handleAuth(...args);
		};
		await waitFor(
			() => observerClient.doc.getText('breakthroughText').toString() === 'passende woning'
		);
		observerClient.provider.disconnect();
		observerClient.provider.connect();
		await waitForSync(observerClient);
		await new Promise((r) => setTimeout(r, 200));
		expect(denials).toBe(0);
		expect(observerClient.provider.wsconnected).toBe(true);
	});

	it('binds presence to the signed-in user and drops presence sent for another user’s client id', async () => {
		const { owner, observer, raw } = await setUp();
		const ownerSocket = await raw(owner);
		ownerSocket.ws.send(awarenessMessage(4242, { user: { name: 'Mallory', color: '#000000' } }));
		await new Promise((r) => setTimeout(r, 100));

		const observerSocket = await raw(observer);
		observerSocket.ws.send(awarenessMessage(777, { cursor: null }));
		observerSocket.ws.send(awarenessMessage(4242, { forged: true, user: { name: 'Otto' } }));
		await new Promise((r) => setTimeout(r, 100));

		const watcher = await raw(owner);
		await waitFor(
			() => messageTypes(watcher.received).includes(messageType.awareness),
			3000,
			'presence'
		);
		const seen = new awarenessProtocol.Awareness(new Y.Doc());
		for (const message of watcher.received.filter((m) => m[0] === messageType.awareness)) {
			const decoder = decoding.createDecoder(message);
			decoding.readVarUint(decoder);
			awarenessProtocol.applyAwarenessUpdate(seen, decoding.readVarUint8Array(decoder), null);
		}
		const states = seen.getStates();
		expect(states.get(4242)).not.toHaveProperty('forged');
		expect(states.get(4242)?.user).toMatchObject({
			name: 'Olga Owner',
			organisation: 'Gemeente',
			role: 'owner'
		});
		expect(states.get(777)?.user).toMatchObject({
			name: 'Otto Observer',
			role: 'observer',
			readOnly: true
		});
		seen.destroy();
	});

	it('closes on oversized, malformed and bomb-like input, keeps the document and serves others', async () => {
		const { owner, caseId, raw } = await setUp();
		const good = await realtime.connect(caseId, owner);
		await waitForSync(good);
		good.doc.getText('breakthroughText').insert(0, 'bewaard');
		await new Promise((r) => setTimeout(r, 100));

		const oversized = await raw(owner);
		oversized.ws.send(new Uint8Array(limits.maxMessageBytes + 1024));
		expect((await oversized.closed).code).toBe(closeCode.tooLarge);

		const malformed = await raw(owner);
		malformed.ws.send(new Uint8Array([messageType.sync, 2, 40, 1, 2, 3]));
		expect(await malformed.closed).toMatchObject({ code: closeCode.badMessage });

		const bomb = encoding.createEncoder();
		encoding.writeVarUint(bomb, 1); // one client
		encoding.writeVarUint(bomb, 1); // one struct
		encoding.writeVarUint(bomb, 77); // client id
		encoding.writeVarUint(bomb, 0); // clock
		encoding.writeUint8(bomb, 0); // a GC struct…
		encoding.writeVarUint(bomb, 2 ** 40); // …claiming 2^40 items
		encoding.writeVarUint(bomb, 0); // no deletions
		const bombSocket = await raw(owner);
		bombSocket.ws.send(syncUpdateMessage(encoding.toUint8Array(bomb)));
		const bombClose = await bombSocket.closed;
		expect(bombClose.code).toBe(closeCode.badMessage);
		expect(bombClose.reason).toMatch(/items/);

		const text = await raw(owner);
		text.ws.send('hello');
		expect(await text.closed).toMatchObject({ code: closeCode.badMessage });

		expect(await storedText(caseId)).toBe('bewaard');
		good.doc.getText('breakthroughText').insert(7, ' en meer');
		const other = await realtime.connect(caseId, owner);
		await waitFor(() => other.doc.getText('breakthroughText').toString() === 'bewaard en meer');
	});

	it('closes a connection that floods the server', async () => {
		const { owner, raw } = await setUp();
		const flood = await raw(owner);
		const noPresence = new Uint8Array([messageType.awareness, 1, 0]); // an update of 0 entries
		for (let i = 0; i < limits.messageBurst + 50; i++) flood.ws.send(noPresence);
		expect(await flood.closed).toMatchObject({ code: closeCode.rateLimited });
	});

	it('closes a connection that keeps asking for the whole document', async () => {
		const { owner, raw } = await setUp();
		const asking = await raw(owner);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, messageType.sync);
		syncProtocol.writeSyncStep1(encoder, new Y.Doc());
		const step1 = encoding.toUint8Array(encoder);
		for (let i = 0; i < limits.syncRequestBurst + 5; i++) asking.ws.send(step1);
		expect(await asking.closed).toEqual({
			code: closeCode.rateLimited,
			reason: 'too many sync or presence requests'
		});
	});

	it('refuses a presence state over the size limit', async () => {
		const { owner, raw } = await setUp();
		const socket = await raw(owner);
		const padding = 'x'.repeat(limits.maxPresenceStateLength);
		socket.ws.send(awarenessMessage(4242, { padding }));
		expect(await socket.closed).toMatchObject({
			code: closeCode.badMessage,
			reason: expect.stringMatching(/presence state longer than/)
		});
	});

	it('cuts a client that does not read what it is sent, and serves the others', async () => {
		const { owner, caseId, raw } = await setUp({ maxSendBacklogBytes: 256 * 1024 });
		const reader = await realtime.connect(caseId, owner);
		const stalled = await raw(owner);
		stalled.ws.pause(); // stops reading: the server's queue for it grows
		const writer = await realtime.connect(caseId, owner);
		await Promise.all([waitForSync(reader), waitForSync(writer)]);
		const text = writer.doc.getText('breakthroughText');
		// More than the kernel's socket buffers take (a few MiB) plus the backlog limit.
		const [writes, size] = [32, 200_000]; // 6.4 MB, within the 8 MiB document limit
		for (let i = 0; i < writes; i++) {
			text.insert(0, 'x'.repeat(size));
			await new Promise((r) => setTimeout(r, 10));
		}
		const length = writes * size;
		await waitFor(() => reader.doc.getText('breakthroughText').length === length, 20_000, 'relay');
		stalled.ws.resume();
		expect((await stalled.closed).code).toBe(1006); // cut, no close frame
		expect(reader.provider.wsconnected).toBe(true);
	}, 60_000);

	it('cuts a connection that stops answering pings', async () => {
		const { owner, raw } = await setUp({ heartbeatMs: 200 });
		const silent = await raw(owner, {}, { autoPong: false });
		const answering = await raw(owner);
		expect((await silent.closed).code).toBe(1006);
		expect(answering.ws.readyState).toBe(WebSocket.OPEN);
	});

	it('answers broken percent-encoding in the path or the cookie as not found or unauthorised', async () => {
		const { owner } = await setUp();
		const token = await server.tokenFor(owner);
		await expect(
			openRaw(`${server.collabUrl}/cases/%E0%A4%A`, { authorization: `Bearer ${token}` })
		).rejects.toMatchObject({ status: 404 });
		await expect(
			openRaw(`${server.collabUrl}/cases/00000000-0000-4000-8000-000000000001`, {
				cookie: 'maatwerklab_session=%E0%A4%A'
			})
		).rejects.toMatchObject({ status: 401 });
	});

	it('lets a document leave memory when an authorised upgrade fails its handshake', async () => {
		const { owner, caseId, url } = await setUp();
		const token = await server.tokenFor(owner);
		const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
			const request = http.get(url.replace('ws:', 'http:'), {
				headers: {
					authorization: `Bearer ${token}`,
					connection: 'Upgrade',
					upgrade: 'websocket',
					'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
					'sec-websocket-version': '99' // no such version: ws refuses the handshake
				}
			});
			request.on('response', resolve);
			request.on('error', reject);
		});
		expect(response.statusCode).toBe(400);
		const name = caseDocumentName(caseId);
		await waitFor(() => !server.app.documents.isLoaded(name), 3000, 'eviction');
	});

	it('sends storage acknowledgements only to clients that ask for them', async () => {
		const { owner, url } = await setUp();
		const token = await server.tokenFor(owner);
		const plain = await openRaw(url, { authorization: `Bearer ${token}` });
		const asking = await openRaw(`${url}?acks=persisted`, { authorization: `Bearer ${token}` });
		sockets.push(plain.ws, asking.ws);
		plain.ws.send(syncUpdateMessage(anEdit('eerste')));
		asking.ws.send(syncUpdateMessage(anEdit('tweede')));
		await waitFor(
			() => messageTypes(asking.received).filter((t) => t === messageType.persisted).length >= 2,
			3000,
			'acknowledgement'
		);
		await waitFor(() => messageTypes(plain.received).includes(messageType.sync), 3000, 'relay');
		expect(messageTypes(plain.received)).not.toContain(messageType.persisted);
	});
});
