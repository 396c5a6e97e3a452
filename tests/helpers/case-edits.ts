import * as prng from 'lib0/prng';
import * as Y from 'yjs';
import { caseDocumentTypes } from '$lib/protocol/case-document';
import {
	lifeDomains,
	planItemStatuses,
	planItemTextFields,
	type PlanItemFields
} from '$lib/protocol/collab';

/**
 * Seeded random edits on a case document and ways to compare case documents, for convergence
 * and crash tests. The seed fixes which edits are made, in which order, by which client; the
 * interleaving over real sockets still varies from run to run.
 */

export type Random = prng.PRNG;

/** A generator seeded from `process.env[variable]` (a decimal number) or `fallback`. */
export function seededRandom(variable: string, fallback: number): { seed: number; random: Random } {
	const fromEnv = process.env[variable];
	const seed = fromEnv ? Number(fromEnv) : fallback;
	if (!Number.isSafeInteger(seed))
		throw new Error(`${variable} must be an integer, not ${fromEnv}`);
	return { seed, random: prng.create(seed) };
}

/** A document whose client id comes from the generator, so a seed reproduces the same ids. */
export function seededDoc(random: Random): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = prng.uint32(random, 1, 0x7fffffff);
	return doc;
}

/** A random element of `array`. */
export const pick = <T>(random: Random, array: readonly T[]): T =>
	array[prng.int32(random, 0, array.length - 1)];

const words = ['school', 'thuis', 'zorg', 'plan', 'geld', 'werk', 'kind', 'hulp', 'taxi', 'huur'];
const word = (random: Random) => pick(random, words);

function randomPlanItem(random: Random): PlanItemFields {
	return {
		id: `item-${prng.uint32(random, 0, 0xffffffff).toString(16)}`,
		position: prng.real53(random) * 1000,
		action: `${word(random)} ${word(random)}`,
		organisation: word(random),
		person: word(random),
		costEstimate: prng.bool(random) ? prng.int32(random, 0, 5000) : null,
		legalBasis: pick(random, ['Jeugdwet', 'Wmo 2015', 'Participatiewet', '']),
		dueDate: `2026-0${prng.int32(random, 1, 9)}-1${prng.int32(random, 0, 9)}`,
		status: pick(random, planItemStatuses)
	};
}

function editText(random: Random, text: Y.Text) {
	if (text.length > 0 && prng.int32(random, 0, 2) === 0) {
		const index = prng.int32(random, 0, text.length - 1);
		text.delete(index, prng.int32(random, 1, Math.min(8, text.length - index)));
	} else {
		text.insert(prng.int32(random, 0, text.length), `${word(random)} `);
	}
}

function editPlan(random: Random, planItems: Y.Map<Y.Map<unknown>>) {
	const ids = [...planItems.keys()].sort();
	const choice = ids.length === 0 ? 0 : prng.int32(random, 0, 5);
	if (choice === 0) {
		const fields = randomPlanItem(random);
		const textFields: readonly string[] = planItemTextFields;
		const entries = Object.entries(fields).map(([key, value]): [string, unknown] =>
			textFields.includes(key) ? [key, new Y.Text(String(value))] : [key, value]
		);
		planItems.set(fields.id, new Y.Map<unknown>(entries));
		return;
	}
	const id = pick(random, ids);
	const item = planItems.get(id)!;
	if (choice === 1) planItems.delete(id);
	else if (choice === 2) item.set('position', prng.real53(random) * 1000);
	else {
		const fields = randomPlanItem(random);
		const field = pick(random, [
			'action',
			'organisation',
			'person',
			'costEstimate',
			'legalBasis',
			'dueDate',
			'status'
		] as const);
		const current = item.get(field);
		// Typing in a text field; a plain value (as documents from before Y.Text held) is replaced.
		if (current instanceof Y.Text) editText(random, current);
		else item.set(field, fields[field]);
	}
}

function editNarrative(random: Random, narrative: Y.XmlFragment) {
	const blocks = narrative.toArray() as Y.XmlElement[];
	const choice = blocks.length === 0 ? 0 : prng.int32(random, 0, 3);
	if (choice === 0) {
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(`${word(random)} ${word(random)}`)]);
		narrative.insert(prng.int32(random, 0, blocks.length), [paragraph]);
	} else if (choice === 1) {
		narrative.delete(prng.int32(random, 0, blocks.length - 1), 1);
	} else {
		const text = pick(random, blocks).get(0);
		if (text instanceof Y.XmlText) editText(random, text);
	}
}

/** One random edit (text, plan item, life domain, breakthrough date or narrative) as one update. */
export function makeRandomEdit(random: Random, doc: Y.Doc): void {
	const types = caseDocumentTypes(doc);
	const kind = prng.int32(random, 0, 9);
	doc.transact(() => {
		if (kind <= 2) editText(random, types.breakthroughText);
		else if (kind <= 5) editPlan(random, types.planItems);
		else if (kind <= 7) {
			const domain = pick(random, lifeDomains);
			if (prng.bool(random)) types.lifeDomains.set(`${domain}.score`, prng.int32(random, 1, 5));
			else {
				const note = types.lifeDomains.get(`${domain}.note`);
				if (note instanceof Y.Text) editText(random, note);
				else types.lifeDomains.set(`${domain}.note`, new Y.Text(`${word(random)} `));
			}
		} else if (kind === 8) {
			types.breakthrough.set(
				'agreedOn',
				`2026-0${prng.int32(random, 1, 9)}-0${prng.int32(random, 1, 9)}`
			);
		} else editNarrative(random, types.narrative);
	});
}

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((key) => [key, sortKeys((value as Record<string, unknown>)[key])])
		);
	}
	return value;
}

/**
 * All five shared types as canonical JSON (map keys sorted: a Y.Map's key order depends on the
 * order updates arrived in, which differs between clients that hold the same state).
 */
export function caseContent(doc: Y.Doc): string {
	const types = caseDocumentTypes(doc);
	return JSON.stringify(
		sortKeys({
			narrative: types.narrative.toJSON(),
			breakthroughText: types.breakthroughText.toString(),
			breakthrough: types.breakthrough.toJSON(),
			planItems: types.planItems.toJSON(),
			lifeDomains: types.lifeDomains.toJSON()
		})
	);
}

/** The content of a document in a stored or encoded state. */
export function caseContentOf(state: Uint8Array): string {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, state);
		return caseContent(doc);
	} finally {
		doc.destroy();
	}
}

export type StateVector = Map<number, number>;

export const stateVectorOf = (doc: Y.Doc): StateVector =>
	Y.decodeStateVector(Y.encodeStateVector(doc));

/** True when `a` has every change `b` has (clock by clock). */
export function covers(a: StateVector, b: StateVector): boolean {
	for (const [client, clock] of b) if ((a.get(client) ?? 0) < clock) return false;
	return true;
}

export const sameStateVector = (a: StateVector, b: StateVector) => covers(a, b) && covers(b, a);

/** True when the document holds updates it could not integrate yet (missing dependencies). */
export const hasPending = (doc: Y.Doc) =>
	doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
