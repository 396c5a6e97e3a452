import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	caseDocumentName,
	collabPath,
	messageType,
	persistedAcksParam
} from '$lib/protocol/collab';
import { demoPassword } from '$lib/server/demo/data';
import {
	buildAppIfStale,
	freePort,
	loadDemo,
	requestToken,
	startAppProcess,
	type AppProcess,
	type AppStorage
} from '../../helpers/app-process';
import {
	caseContent,
	covers,
	hasPending,
	makeRandomEdit,
	pick,
	sameStateVector,
	seededDoc,
	seededRandom,
	stateVectorOf,
	type StateVector
} from '../../helpers/case-edits';
import { createPostgresDatabase, drivers } from '../../helpers/database';
import { waitFor } from '../../helpers/realtime';

/**
 * The production build is killed with SIGKILL while three members edit a demo case, and
 * restarted on the same port and data. Every update any client received (the server relays only
 * what it has committed) and every state the server reported as saved must still be there.
 * Reproduce the sequence of edits with CRASH_SEED=<seed> (the seed is in the test's name).
 */
const { seed } = seededRandom('CRASH_SEED', 20260510);
const demoCaseId = '00000000-0000-4000-8000-000000000301';
const editorEmails = ['sanne@demo.example', 'lotte@demo.example', 'youssef@demo.example'];
const witnessEmail = 'marco@demo.example';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Shut: the client's reconnect attempts go to a closed port, as if its network were down. */
type Gate = { open: boolean; closedPort: number };

type Recorder = {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Every update that arrived from the server, in order. */
	received: Uint8Array[];
	/** The latest "stored up to" state vector the server sent. */
	persisted: StateVector;
	destroy(): void;
};

function connectRecorder(port: number, token: string, doc: Y.Doc, gate?: Gate): Recorder {
	class GatedWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			const target = gate && !gate.open ? `ws://127.0.0.1:${gate.closedPort}` : url;
			super(target, protocols, { headers: { authorization: `Bearer ${token}` } });
		}
	}
	const provider = new WebsocketProvider(
		`ws://127.0.0.1:${port}${collabPath}`,
		caseDocumentName(demoCaseId),
		doc,
		{
			WebSocketPolyfill: GatedWebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true,
			maxBackoffTime: 200,
			params: { ...persistedAcksParam }
		}
	);
	const recorder: Recorder = {
		doc,
		provider,
		received: [],
		persisted: new Map(),
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
	// y-websocket applies what the server sends with the provider as the transaction origin.
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === provider) recorder.received.push(update);
	});
	provider.messageHandlers[messageType.persisted] = (_encoder, decoder) => {
		recorder.persisted = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
	};
	return recorder;
}

/**
 * What `doc` is missing of `updates`, or null when it has all of them: its state vector must
 * dominate theirs, and applying them to a copy of it must change nothing (no new content, no new
 * deletion, nothing left waiting for a dependency).
 */
function missingFrom(doc: Y.Doc, updates: Uint8Array[]): string | null {
	const received = new Y.Doc();
	updates.forEach((update) => Y.applyUpdate(received, update));
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	const before = Y.snapshot(copy);
	updates.forEach((update) => Y.applyUpdate(copy, update));
	const problem = !covers(stateVectorOf(doc), stateVectorOf(received))
		? 'insertions it does not have'
		: hasPending(copy)
			? 'updates whose dependencies it does not have'
			: !Y.equalSnapshots(before, Y.snapshot(copy))
				? 'deletions it does not have'
				: null;
	received.destroy();
	copy.destroy();
	return problem;
}

describe.each(drivers)('the built server killed with SIGKILL, on %s', (driver) => {
	let storage: AppStorage;
	let cleanUpStorage = async () => {};
	let app: AppProcess | undefined;
	const recorders: Recorder[] = [];

	beforeAll(async () => {
		await buildAppIfStale();
		if (driver === 'pglite') {
			const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'maatwerklab-crash-'));
			storage = { dataDir };
			cleanUpStorage = async () => fs.rmSync(dataDir, { recursive: true, force: true });
		} else {
			const created = await createPostgresDatabase(process.env.TEST_DATABASE_URL!);
			storage = { databaseUrl: created.url };
			cleanUpStorage = created.drop;
		}
		await loadDemo(storage);
	}, 300_000);

	afterAll(async () => {
		recorders.splice(0).forEach((recorder) => recorder.destroy());
		await app?.kill();
		await cleanUpStorage();
	});

	it(`keeps every relayed and every acknowledged update (seed ${seed})`, async ({
		onTestFailed
	}) => {
		const { random } = seededRandom('CRASH_SEED', 20260510);
		const outputs: string[] = [];
		onTestFailed(() => {
			console.error(`crash test failed on ${driver}; reproduce with CRASH_SEED=${seed}`);
			if (app) outputs.push(app.output());
			console.error(`server output:\n${outputs.join('\n--- restart ---\n') || '(none)'}`);
		});
		const port = await freePort();
		app = await startAppProcess(storage, port);
		const tokens = [];
		for (const email of [...editorEmails, witnessEmail]) {
			tokens.push(await requestToken(app.url, email, demoPassword));
		}
		const gate: Gate = { open: true, closedPort: await freePort() };
		const editors = tokens
			.slice(0, editorEmails.length)
			.map((token) => connectRecorder(port, token, seededDoc(random), gate));
		recorders.push(...editors);
		await waitFor(() => editors.every((e) => e.provider.synced), 10_000, 'first sync');

		const edit = async () => {
			makeRandomEdit(random, pick(random, editors).doc);
			await sleep(prng.int32(random, 2, 12));
		};
		const editTimes = async (count: number) => {
			for (let i = 0; i < count; i++) await edit();
		};

		// Edit, and kill the server at a seeded moment while the edits go on.
		await editTimes(prng.int32(random, 60, 160));
		const killed = app.kill('SIGKILL');
		await editTimes(10);
		expect((await killed).signal).toBe('SIGKILL');
		outputs.push(app.output());
		app = undefined;
		// Until the witness has seen the restarted server's state, no editor may resend what it has.
		gate.open = false;
		const receivedBeforeKill = editors.flatMap((e) => e.received.slice());
		const savedBeforeKill = editors.map((e) => e.persisted);
		expect(receivedBeforeKill.length).toBeGreaterThan(0);

		// Restart on the same port and data while the editors keep editing offline.
		let restarted = false;
		const restarting = startAppProcess(storage, port).finally(() => (restarted = true));
		while (!restarted) await edit();
		app = await restarting;

		// (a) What the database had after the crash holds everything relayed or acknowledged.
		const witness = connectRecorder(port, tokens[editorEmails.length], seededDoc(random));
		recorders.push(witness);
		await waitFor(() => witness.provider.synced, 10_000, 'witness sync');
		const stored = stateVectorOf(witness.doc);
		expect({
			acknowledgedButLost: savedBeforeKill.filter((saved) => !covers(stored, saved)).length,
			relayedButLost: missingFrom(witness.doc, receivedBeforeKill)
		}).toEqual({ acknowledgedButLost: 0, relayedButLost: null });

		// (b) The editors reconnect by themselves, edit on, and everybody converges. The witness and
		// the latecomer only ever get committed state, so equal content means all of it is stored.
		gate.open = true;
		await waitFor(
			() => editors.every((e) => e.provider.wsconnected && e.provider.synced),
			10_000,
			'editors reconnect'
		);
		await editTimes(60);
		const everyone = [...editors, witness];
		// Equal state vectors are not enough: a deletion changes content, not the state vector.
		await waitFor(
			() => {
				const vectors = everyone.map((r) => stateVectorOf(r.doc));
				const contents = everyone.map((r) => caseContent(r.doc));
				return (
					everyone.every((r) => !hasPending(r.doc)) &&
					vectors.every((vector) => sameStateVector(vector, vectors[0])) &&
					contents.every((content) => content === contents[0])
				);
			},
			15_000,
			'convergence and storage of every edit'
		);
		const contents = everyone.map((r) => caseContent(r.doc));
		contents.forEach((content) => expect(content).toBe(contents[0]));
		const latecomer = connectRecorder(port, tokens[0], seededDoc(random));
		recorders.push(latecomer);
		await waitFor(() => latecomer.provider.synced, 10_000, 'latecomer sync');
		expect(caseContent(latecomer.doc)).toBe(contents[0]);
		expect(
			missingFrom(
				latecomer.doc,
				everyone.flatMap((r) => r.received)
			)
		).toBeNull();
	}, 90_000);
});
