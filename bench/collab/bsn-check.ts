import * as Y from 'yjs';
import { caseDocumentTypes } from '../../src/lib/protocol/case-document';
import { containsBsn } from '../../src/lib/schemas/bsn';
import { touchedTexts } from '../../src/lib/server/collab/touched-texts';

/**
 * What the BSN check adds to an update on a large case document: applying one-letter edits to
 * the server's rehearsal copy, with and without reading the texts they touched, against
 * scanning the whole narrative. `node --import tsx bench/collab/bsn-check.ts`
 */

const edits = 200;
const paragraphText =
	'Moeder en zoon bespreken het plan voor onderwijs thuis, tel 0612345678, dossier 2026-05-13. '.repeat(
		20
	);

const source = new Y.Doc();
const types = caseDocumentTypes(source);
Y.transact(source, () => {
	for (let i = 0; i < 3000; i++) {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(paragraphText)]);
		types.narrative.insert(types.narrative.length, [paragraph]);
	}
	for (let i = 0; i < 200; i++) {
		types.planItems.set(`p${i}`, new Y.Map<unknown>([['action', new Y.Text(`Actie ${i}`)]]));
	}
});
const state = Y.encodeStateAsUpdate(source);
const rehearsal = new Y.Doc();
caseDocumentTypes(rehearsal);
Y.applyUpdate(rehearsal, state);

function updatesOf(edit: () => void): Uint8Array[] {
	const updates: Uint8Array[] = [];
	const collect = (update: Uint8Array) => updates.push(update);
	source.on('update', collect);
	for (let i = 0; i < edits; i++) edit();
	source.off('update', collect);
	return updates;
}

function perUpdateMs(updates: Uint8Array[], check: boolean): number {
	const started = performance.now();
	for (const update of updates) {
		Y.transact(rehearsal, (transaction) => {
			Y.applyUpdate(rehearsal, update);
			if (check && touchedTexts(transaction).some(containsBsn)) throw new Error('BSN?');
		});
	}
	return (performance.now() - started) / updates.length;
}

const action = types.planItems.get('p7')!.get('action') as Y.Text;
const paragraph = (types.narrative.get(1500) as Y.XmlElement).get(0) as Y.XmlText;
const rows: [string, number][] = [
	[
		'plan field, apply + check',
		perUpdateMs(
			updatesOf(() => action.insert(0, 'a')),
			true
		)
	],
	[
		'paragraph, apply only',
		perUpdateMs(
			updatesOf(() => paragraph.insert(5, 'b')),
			false
		)
	],
	[
		'paragraph, apply + check',
		perUpdateMs(
			updatesOf(() => paragraph.insert(5, 'c')),
			true
		)
	]
];
const scanStarted = performance.now();
containsBsn(types.narrative.toString());
rows.push(['whole narrative scanned once', performance.now() - scanStarted]);

console.log(`case document of ${(state.byteLength / 2 ** 20).toFixed(1)} MiB encoded`);
for (const [what, ms] of rows) console.log(`${what.padEnd(32)} ${ms.toFixed(3)} ms`);
