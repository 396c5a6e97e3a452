import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listAuditEvents } from '$lib/server/audit';
import {
	listCaseVersions,
	restoreCaseVersion,
	saveCaseVersion,
	saveVersion,
	viewCaseVersion
} from '$lib/server/collab';
import { caseDocumentTypes, readPlanItems } from '$lib/protocol/case-document';
import { caseDocumentName } from '$lib/protocol/collab';
import { addPlanItem } from '$lib/state/plan-items';
import { insertActor } from '../../helpers/actors';
import { caseContent } from '../../helpers/case-edits';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import { useRealtimeServer, waitFor, waitForSync, type Client } from '../../helpers/realtime';

describe.each(drivers)('versions of a case document on %s', (driver) => {
	const t = useTestDatabase(driver);
	const realtime = useRealtimeServer(t);

	async function setUp() {
		await realtime.start();
		const owner = await insertActor(t.ctx(), { name: 'Olga', organisation: 'Gemeente' });
		const observer = await insertActor(t.ctx(), { name: 'Otto', organisation: 'UWV' });
		const outsider = await insertActor(t.ctx(), { name: 'Xander', organisation: 'GGZ' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: owner.id, role: 'owner' },
			{ userId: observer.id, role: 'observer' }
		]);
		const client = await realtime.connect(caseId, owner);
		await waitForSync(client);
		return { owner, observer, outsider, caseId, client, types: caseDocumentTypes(client.doc) };
	}

	/** Waits until the server has stored everything the client has (it applies only stored updates). */
	async function settled(client: Client, caseId: string) {
		const local = Buffer.from(Y.encodeStateVector(client.doc));
		const live = await realtime.server.app.documents.open(caseDocumentName(caseId), caseId);
		try {
			// Content too: a deletion leaves the state vector as it was.
			await waitFor(
				() =>
					Buffer.from(Y.encodeStateVector(live.doc)).equals(local) &&
					caseContent(live.doc) === caseContent(client.doc)
			);
		} finally {
			realtime.server.app.documents.release(live);
		}
	}

	it('restores a version as a new change that a connected client sees live', async () => {
		const { owner, caseId, client, types } = await setUp();
		types.breakthroughText.insert(0, 'Zoon volgt thuisonderwijs');
		const item = new Y.Map<unknown>();
		item.set('id', 'a1');
		item.set('position', 1);
		item.set('action', 'Leerplicht vrijstelling');
		types.planItems.set('a1', item);
		await settled(client, caseId);

		const { id: versionId } = await saveCaseVersion(t.ctx(owner), caseId, 'Zoals ingediend');
		types.breakthroughText.delete(0, types.breakthroughText.length);
		types.breakthroughText.insert(0, 'Iets anders');
		types.planItems.delete('a1');
		await settled(client, caseId);

		const view = await viewCaseVersion(t.ctx(owner), caseId, versionId);
		expect(view.versionContent.breakthroughText).toBe('Zoon volgt thuisonderwijs');
		expect(view.currentContent.breakthroughText).toBe('Iets anders');

		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, versionId);
		await waitFor(() => types.breakthroughText.toString() === 'Zoon volgt thuisonderwijs');
		expect(readPlanItems(types.planItems).map((i) => i.action)).toEqual([
			'Leerplicht vrijstelling'
		]);

		const { versions } = await listCaseVersions(t.ctx(owner), caseId);
		expect(versions.map((v) => v.reason).sort()).toEqual(['before_restore', 'manual']);
		const restoredFrom = versions.find((v) => v.reason === 'before_restore')!;
		const before = await viewCaseVersion(t.ctx(owner), caseId, restoredFrom.id);
		expect(before.versionContent.breakthroughText).toBe('Iets anders');

		const actions = (await listAuditEvents(t.ctx(), { caseId })).map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining(['case.version.save', 'case.version.read', 'case.version.restore'])
		);
	});

	it('keeps the narrative’s rich text when restoring', async () => {
		const { owner, caseId, client, types } = await setUp();
		const heading = new Y.XmlElement('heading');
		heading.setAttribute('level', '2');
		heading.insert(0, [new Y.XmlText('Situatie')]);
		const paragraph = new Y.XmlElement('paragraph');
		const text = new Y.XmlText('Moeder werkt ');
		text.insert(text.length, 'nachtdiensten', { bold: true });
		paragraph.insert(0, [text]);
		types.narrative.insert(0, [heading, paragraph]);
		await settled(client, caseId);
		const before = types.narrative.toString();

		const { id } = await saveCaseVersion(t.ctx(owner), caseId, 'Beschrijving');
		types.narrative.delete(0, types.narrative.length);
		await settled(client, caseId);
		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, id);
		await waitFor(() => types.narrative.toString() === before);
		expect(types.narrative.toString()).toContain('<bold>nachtdiensten</bold>');
	});

	it('restores the narrative by replacing only the blocks that differ', async () => {
		const { owner, caseId, client, types } = await setUp();
		const paragraph = (text: string) => {
			const block = new Y.XmlElement('paragraph');
			block.insert(0, [new Y.XmlText(text)]);
			return block;
		};
		types.narrative.insert(0, [paragraph('Eerste'), paragraph('Tweede'), paragraph('Derde')]);
		await settled(client, caseId);
		const { id } = await saveCaseVersion(t.ctx(owner), caseId, 'Drie alinea’s');

		const [first, , third] = types.narrative.toArray();
		types.narrative.delete(1, 1);
		types.narrative.insert(1, [paragraph('Iets anders'), paragraph('Nog iets')]);
		await settled(client, caseId);
		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, id);
		await waitFor(
			() => types.narrative.length === 3 && types.narrative.toString().includes('Tweede')
		);

		// The blocks nobody changed are the same blocks: someone typing in them keeps typing there.
		expect(types.narrative.get(0)).toBe(first);
		expect(types.narrative.get(2)).toBe(third);
		expect(types.narrative.toString()).toBe(
			'<paragraph>Eerste</paragraph><paragraph>Tweede</paragraph><paragraph>Derde</paragraph>'
		);
	});

	it('restores typed plan fields and notes as edits of the texts people have open', async () => {
		const { owner, caseId, client, types } = await setUp();
		const id = addPlanItem(types.planItems, []);
		const action = types.planItems.get(id)!.get('action') as Y.Text;
		action.insert(0, 'Huurachterstand regelen');
		const note = new Y.Text('Schulden bij drie partijen');
		types.lifeDomains.set('financien.note', note);
		await settled(client, caseId);

		const { id: versionId } = await saveCaseVersion(t.ctx(owner), caseId, 'Eerste plan');
		action.delete(0, action.length);
		action.insert(0, 'Iets anders');
		note.insert(note.length, ' en een boete');
		await settled(client, caseId);

		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, versionId);
		await waitFor(() => action.toString() === 'Huurachterstand regelen');
		// The same Y.Text objects, edited: a field bound to them keeps working.
		expect(types.planItems.get(id)!.get('action')).toBe(action);
		expect(types.lifeDomains.get('financien.note')).toBe(note);
		expect(note.toString()).toBe('Schulden bij drie partijen');
		expect(readPlanItems(types.planItems)[0].action).toBe('Huurachterstand regelen');
	});

	it('keeps a typed field its text when the version holds a plain string', async () => {
		const { owner, caseId, client, types } = await setUp();
		// As a plan item from before these fields were texts: a plain string.
		const item = new Y.Map<unknown>([
			['id', 'a1'],
			['position', 1],
			['action', 'Huur regelen']
		]);
		types.planItems.set('a1', item);
		await settled(client, caseId);
		const { id: versionId } = await saveCaseVersion(t.ctx(owner), caseId, 'Oud');

		const action = new Y.Text('Iets anders');
		item.set('action', action);
		const note = new Y.Text('Later geschreven');
		types.lifeDomains.set('financien.note', note);
		await settled(client, caseId);

		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, versionId);
		await waitFor(() => action.toString() === 'Huur regelen' && note.length === 0);
		expect(item.get('action')).toBe(action);
		expect(types.lifeDomains.get('financien.note')).toBe(note);
	});

	it('restores a plan item that was removed, typed fields included', async () => {
		const { owner, caseId, client, types } = await setUp();
		const id = addPlanItem(types.planItems, []);
		(types.planItems.get(id)!.get('person') as Y.Text).insert(0, 'Fatima de Vries');
		await settled(client, caseId);
		const { id: versionId } = await saveCaseVersion(t.ctx(owner), caseId, 'Met actie');
		types.planItems.delete(id);
		await settled(client, caseId);

		await restoreCaseVersion(realtime.server.app.createCtx({ actor: owner }), caseId, versionId);
		await waitFor(() => types.planItems.has(id));
		expect(types.planItems.get(id)!.get('person')).toBeInstanceOf(Y.Text);
		expect(readPlanItems(types.planItems)[0].person).toBe('Fatima de Vries');
	});

	it('lets observers read versions but not save or restore them, and hides them from others', async () => {
		const { owner, observer, outsider, caseId } = await setUp();
		const { id } = await saveVersion(t.ctx(owner), caseId, {
			label: 'Start',
			reason: 'lab_session_start'
		});
		await expect(viewCaseVersion(t.ctx(observer), caseId, id)).resolves.toBeDefined();
		await expect(saveCaseVersion(t.ctx(observer), caseId, 'Poging')).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			restoreCaseVersion(realtime.server.app.createCtx({ actor: observer }), caseId, id)
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listCaseVersions(t.ctx(outsider), caseId)).rejects.toMatchObject({
			code: 'not_found'
		});
		await expect(viewCaseVersion(t.ctx(owner), caseId, 'not-a-uuid')).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('refuses a version label holding a BSN-like number, also without the form', async () => {
		const { owner, caseId } = await setUp();
		for (const label of ['Voor 123 456 782', 'nr 12345672']) {
			await expect(saveCaseVersion(t.ctx(owner), caseId, label)).rejects.toMatchObject({
				code: 'invalid',
				field: 'label'
			});
		}
		await expect(saveCaseVersion(t.ctx(owner), caseId, 'Voor 12345678')).resolves.toBeDefined();
		const { versions } = await listCaseVersions(t.ctx(owner), caseId);
		expect(versions.map((version) => version.label)).toEqual(['Voor 12345678']);
	});
});
