import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { caseDocumentName } from '$lib/protocol/collab';
import { listAuditEvents } from '$lib/server/audit';
import { getCase, listMyCases } from '$lib/server/cases';
import { loadState } from '$lib/server/collab';
import { cases } from '$lib/server/db/schema';
import { insertActor } from '../../helpers/actors';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { useRealtimeServer, waitFor, waitForSync } from '../../helpers/realtime';

const longAgo = new Date('2026-01-05T09:00:00Z');

describe.each(drivers)('live edits in the case record and audit trail on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	async function setUp() {
		await realtime.start();
		const anna = await insertActor(t.ctx(), { name: 'Anna', organisation: 'Gemeente' });
		const caseId = await insertCase(t.ctx(), [{ userId: anna.id, role: 'owner' }]);
		await t.database.db.update(cases).set({ updatedAt: longAgo }).where(eq(cases.id, caseId));
		const lastChange = async () => (await listMyCases(t.ctx(anna)))[0].updatedAt.getTime();
		return { anna, caseId, lastChange };
	}

	/** Polls `read` until it gives a value `accept` takes. */
	async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean) {
		let value = await read();
		const until = Date.now() + 5000;
		while (!accept(value) && Date.now() < until) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			value = await read();
		}
		return value;
	}

	it('moves the case list and case page "last change" when the live document is edited', async () => {
		const { anna, caseId, lastChange } = await setUp();
		const client = await realtime.connect(caseId, anna);
		await waitForSync(client);
		const editedFrom = Date.now() - 1000; // the database clock may lag a little
		client.doc.getText('breakthroughText').insert(0, 'Zoon gaat weer naar school');

		expect(await eventually(lastChange, (time) => time > longAgo.getTime())).toBeGreaterThan(
			editedFrom
		);
		expect((await getCase(t.ctx(anna), caseId)).updatedAt.getTime()).toBe(await lastChange());
	});

	it('writes the last change at most once a minute, and the latest edit when it comes due', async () => {
		const { anna, caseId, lastChange } = await setUp();
		const client = await realtime.connect(caseId, anna);
		await waitForSync(client);
		client.doc.getText('breakthroughText').insert(0, 'Eerste');
		const first = await eventually(lastChange, (time) => time > longAgo.getTime());
		expect(first).toBeGreaterThan(longAgo.getTime());

		await new Promise((resolve) => setTimeout(resolve, 20));
		client.doc.getText('breakthroughText').insert(0, 'Tweede ');
		await eventually(
			async () => (await loadState(t.database.db, caseDocumentName(caseId))).state,
			(state) => {
				const stored = new Y.Doc();
				Y.applyUpdate(stored, state);
				return stored.getText('breakthroughText').toString().startsWith('Tweede');
			}
		);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await lastChange()).toBe(first);

		// Written by then: the minute is up, or (here) the server stops.
		await realtime.server.close();
		expect(await lastChange()).toBeGreaterThan(first);
	});

	it('records in the disconnect which parts of the case a visit changed', async () => {
		const { anna, caseId } = await setUp();
		const client = await realtime.connect(caseId, anna);
		await waitForSync(client);
		const plan = client.doc.getMap<Y.Map<unknown>>('planItems');
		const item = new Y.Map<unknown>();
		plan.set('item-1', item);
		item.set('action', new Y.Text());
		(item.get('action') as Y.Text).insert(0, 'Vervoer regelen'); // a change below the top level
		client.doc.getXmlFragment('narrative').insert(0, [new Y.XmlElement('paragraph')]);
		await waitFor(() => client.provider.synced);
		await new Promise((resolve) => setTimeout(resolve, 300));
		client.destroy();

		const disconnect = await eventually(
			async () => (await listAuditEvents(t.ctx(), { caseId, action: 'case.collab.disconnect' }))[0],
			(event) => event !== undefined
		);
		expect(disconnect.detail).toMatchObject({ touched: ['narrative', 'planItems'] });
		expect((disconnect.detail as { updatesAccepted: number }).updatesAccepted).toBeGreaterThan(0);

		const reader = await realtime.connect(caseId, anna);
		await waitForSync(reader);
		reader.destroy();
		const quiet = await eventually(
			async () => await listAuditEvents(t.ctx(), { caseId, action: 'case.collab.disconnect' }),
			(events) => events.length === 2
		);
		expect(quiet[0].detail).toMatchObject({ touched: [] });
	});
});
