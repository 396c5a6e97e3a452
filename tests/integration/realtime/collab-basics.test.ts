import { describe, expect, it } from 'vitest';
import { loadState } from '$lib/server/collab';
import { caseDocumentName } from '$lib/protocol/collab';
import { insertActor } from '../../helpers/actors';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import * as Y from 'yjs';
import { useRealtimeServer, waitFor, waitForSync } from '../../helpers/realtime';

describe.each(drivers)('live co-editing on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	async function setUp() {
		await realtime.start();
		const alice = await insertActor(t.ctx(), { name: 'Alice', organisation: 'Gemeente' });
		const bob = await insertActor(t.ctx(), { name: 'Bob', organisation: 'Jeugdzorg' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: alice.id, role: 'owner' },
			{ userId: bob.id, role: 'participant' }
		]);
		return { alice, bob, caseId };
	}

	it('relays an edit to the other client after storing it', async () => {
		const { alice, bob, caseId } = await setUp();
		const a = await realtime.connect(caseId, alice);
		const b = await realtime.connect(caseId, bob);
		await Promise.all([waitForSync(a), waitForSync(b)]);

		a.doc.getText('breakthroughText').insert(0, 'Zoon gaat weer naar school');
		await waitFor(
			() => b.doc.getText('breakthroughText').toString() === 'Zoon gaat weer naar school'
		);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, (await loadState(t.database.db, caseDocumentName(caseId))).state);
		expect(stored.getText('breakthroughText').toString()).toBe('Zoon gaat weer naar school');
	});
});
