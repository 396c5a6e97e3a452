import * as decoding from 'lib0/decoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadState } from '$lib/server/collab';
import { caseDocumentName, messageType } from '$lib/protocol/collab';
import { insertActor } from '../../helpers/actors';
import {
	caseContent,
	caseContentOf,
	hasPending,
	makeRandomEdit,
	pick,
	sameStateVector,
	seededDoc,
	seededRandom,
	stateVectorOf
} from '../../helpers/case-edits';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { useRealtimeServer, waitFor } from '../../helpers/realtime';

/**
 * Four real y-websocket clients edit one case document at random, concurrently, and drop and
 * resume their connections at random. After healing, every client and the database hold the
 * same content. Reproduce a run with CONVERGENCE_SEED=<seed> (the seed is in the test's name).
 */
const { seed } = seededRandom('CONVERGENCE_SEED', 20260509);
const operations = 300;
const clientCount = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(drivers)('convergence of live co-editing on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);
	const clients = realtime.clients;

	async function storedState(caseId: string) {
		return (await loadState(t.database.db, caseDocumentName(caseId))).state;
	}

	/** Every client connected and synced, all at one state, and that state stored. */
	async function waitUntilHealed(caseId: string, timeoutMs = 20_000) {
		const started = Date.now();
		let problem = 'not checked yet';
		while (Date.now() - started < timeoutMs) {
			const vectors = clients.map((client) => stateVectorOf(client.doc));
			if (!clients.every((c) => c.provider.wsconnected && c.provider.synced)) {
				problem = 'not every client is connected and synced';
			} else if (clients.some((client) => hasPending(client.doc))) {
				problem = 'a client holds updates it cannot integrate';
			} else if (!vectors.every((vector) => sameStateVector(vector, vectors[0]))) {
				problem = 'the clients have different state vectors';
			} else if (new Set(clients.map((client) => caseContent(client.doc))).size > 1) {
				// A deletion changes content, not the state vector.
				problem = 'the clients have different content';
			} else {
				const stored = new Y.Doc();
				Y.applyUpdate(stored, await storedState(caseId));
				const storedVector = stateVectorOf(stored);
				const storedContent = caseContent(stored);
				stored.destroy();
				if (
					sameStateVector(storedVector, vectors[0]) &&
					storedContent === caseContent(clients[0].doc)
				)
					return;
				problem = 'the stored state differs from the clients';
			}
			await sleep(25);
		}
		throw new Error(`not healed after ${timeoutMs} ms: ${problem}`);
	}

	it(`converges after random concurrent edits and reconnects (seed ${seed})`, async ({
		onTestFailed
	}) => {
		onTestFailed(() => {
			console.error(`convergence failed on ${driver}; reproduce with CONVERGENCE_SEED=${seed}`);
		});
		const { random } = seededRandom('CONVERGENCE_SEED', 20260509);
		// Compact often, so that compaction runs while updates are being written.
		await realtime.start({ app: { documents: { compactAfter: 40 } } });
		const actors = [];
		for (const name of ['Anouk', 'Bram', 'Chantal', 'Dirk'].slice(0, clientCount)) {
			actors.push(await insertActor(t.ctx(), { name, organisation: `Organisatie ${name}` }));
		}
		const caseId = await insertCase(
			t.ctx(),
			actors.map((actor, i) => ({ userId: actor.id, role: i === 0 ? 'owner' : 'participant' }))
		);
		for (const actor of actors) {
			const client = await realtime.connect(caseId, actor, { doc: seededDoc(random), acks: true });
			// The server's "saved up to" message; not needed here, but y-websocket logs unknown types.
			client.provider.messageHandlers[messageType.persisted] = (_encoder, decoder) => {
				decoding.readVarUint8Array(decoder);
			};
		}
		await waitFor(() => clients.every((c) => c.provider.synced), 5000, 'first sync');

		let reconnects = 0;
		for (let i = 0; i < operations; i++) {
			const client = pick(random, clients);
			if (prng.int32(random, 0, 19) === 0) {
				if (client.provider.shouldConnect) client.provider.disconnect();
				else {
					client.provider.connect();
					reconnects++;
				}
			} else {
				makeRandomEdit(random, client.doc);
			}
			if (prng.bool(random)) await sleep(prng.int32(random, 0, 8));
		}
		clients.forEach((client) => client.provider.connect());
		await waitUntilHealed(caseId);

		const contents = clients.map((client) => caseContent(client.doc));
		for (const content of contents) expect(content).toBe(contents[0]);
		expect(caseContentOf(await storedState(caseId))).toBe(contents[0]);
		// The run did what it claims: edits of every kind landed, connections came and went.
		expect(reconnects).toBeGreaterThan(0);
		const merged = JSON.parse(contents[0]);
		expect(merged.breakthroughText.length).toBeGreaterThan(0);
		expect(Object.keys(merged.planItems).length).toBeGreaterThan(0);
		expect(Object.keys(merged.lifeDomains).length).toBeGreaterThan(0);
		expect(merged.narrative.length).toBeGreaterThan(0);
	}, 60_000);
});
