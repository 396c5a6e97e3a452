import * as Y from 'yjs';
import { caseDocumentName, planItemTextFields } from '../../protocol/collab';
import { caseDocumentTypes } from '../../protocol/case-document';
import { auditCase, openCase } from '../cases';
import { saveCaseVersion, type LiveDocument, type LiveDocuments } from '../collab';
import type { Actor, Ctx } from '../context';
import type { DemoBlock, DemoEdit, DemoPlanItem, DemoStep, DemoStory } from './story';
import {
	newSessionRefs,
	todayAtTheNextHour,
	writeLabStep,
	type PlannedAt,
	type SessionRefs
} from './write-session';

/**
 * Replays a demo story as its members would have made it: each visit opens the plan page and
 * the live document (audited), each edit is a Yjs update made on that member's own copy of the
 * document and submitted through LiveDocuments like a browser's, and versions are saved through
 * the versions capability; Change Lab sessions are planned, run and ended through the lab
 * capability. Every ctx's clock says when it happened.
 */
export async function writeStory(
	ctx: Ctx,
	documents: LiveDocuments,
	story: DemoStory,
	actors: ReadonlyMap<string, Actor>,
	today: Date
): Promise<void> {
	const live = await documents.open(caseDocumentName(story.caseId), story.caseId);
	const clients = new Map<string, Y.Doc>();
	let sessionRefs: SessionRefs | undefined;
	const at = (step: Pick<DemoStep, 'day' | 'time'>, extraMinutes = 0) => {
		const [hours, minutes] = step.time.split(':').map(Number);
		const date = new Date(today);
		date.setDate(date.getDate() - step.day);
		date.setHours(hours, minutes + extraMinutes, 0, 0);
		return date;
	};
	const scheduledAt = (planned: PlannedAt) =>
		planned === 'today' ? todayAtTheNextHour(today) : at(planned).toISOString();
	try {
		for (const visit of groupIntoVisits(story.steps)) {
			const actor = actors.get(visit[0].by);
			if (!actor) throw new Error(`demo story: no account ${visit[0].by}`);
			const asMember = (date: Date): Ctx => ({ ...ctx, actor, clock: () => date });

			const first = visit[0];
			if ('lab' in first) {
				const member = asMember(at(first));
				sessionRefs ??= await newSessionRefs(member);
				await writeLabStep(member, story.caseId, first.lab, sessionRefs, scheduledAt);
				continue;
			}

			const arrive = asMember(at(visit[0], -1));
			const opened = await openCase(arrive, story.caseId, 'read', 'case.plan.open');
			await auditCase(arrive, opened, 'case.plan.open');
			await auditCase(arrive, opened, 'case.collab.connect', { writable: opened.rights.edit });

			let client = clients.get(actor.id);
			if (!client) clients.set(actor.id, (client = new Y.Doc()));
			for (const step of visit) {
				if ('edit' in step) await submitEdit(documents, live, client, step.edit, today);
				else if ('saveVersion' in step) {
					await saveCaseVersion(asMember(at(step)), story.caseId, step.saveVersion);
				}
			}
			await auditCase(asMember(at(visit[visit.length - 1], 2)), opened, 'case.collab.disconnect');
		}
	} finally {
		clients.forEach((client) => client.destroy());
		documents.release(live);
	}
}

/**
 * Runs of steps by one member on one day: one sitting at the plan page. A Change Lab command is
 * a step of its own (made in the live session view, not the plan page).
 */
function groupIntoVisits(steps: DemoStep[]): DemoStep[][] {
	const visits: DemoStep[][] = [];
	for (const step of steps) {
		const last = visits.at(-1)?.[0];
		const joins = last && !('lab' in last) && !('lab' in step);
		if (joins && last.by === step.by && last.day === step.day) visits.at(-1)!.push(step);
		else visits.push([step]);
	}
	return visits;
}

/** Catches the member's copy up with the stored document, edits it, and submits the change. */
async function submitEdit(
	documents: LiveDocuments,
	live: LiveDocument,
	client: Y.Doc,
	edit: DemoEdit,
	today: Date
): Promise<void> {
	Y.applyUpdate(client, Y.encodeStateAsUpdate(live.doc, Y.encodeStateVector(client)));
	const before = Y.encodeStateVector(client);
	client.transact(() => applyEdit(client, edit, today));
	await documents.submit(live, Y.encodeStateAsUpdate(client, before), client);
}

function applyEdit(doc: Y.Doc, edit: DemoEdit, today: Date) {
	const types = caseDocumentTypes(doc);
	const isoDate = (days: number) => {
		const date = new Date(today);
		date.setDate(date.getDate() + days);
		return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
	};

	if ('appendNarrative' in edit) {
		types.narrative.push(edit.appendNarrative.map(toXml));
	} else if ('rewriteParagraph' in edit) {
		types.narrative.delete(edit.rewriteParagraph.index, 1);
		types.narrative.insert(edit.rewriteParagraph.index, [toXml(edit.rewriteParagraph.text)]);
	} else if ('breakthrough' in edit) {
		replaceText(types.breakthroughText, edit.breakthrough);
		if (edit.agreedInDays !== undefined) {
			types.breakthrough.set('agreedOn', isoDate(edit.agreedInDays));
		}
	} else if ('addPlanItems' in edit) {
		const start = types.planItems.size;
		edit.addPlanItems.forEach((item, index) => {
			types.planItems.set(item.id, newPlanItem(item, start + index + 1, isoDate));
		});
	} else if ('updatePlanItem' in edit) {
		const { id, dueInDays, ...fields } = edit.updatePlanItem;
		const item = types.planItems.get(id);
		if (!item) throw new Error(`demo story: no plan item ${id}`);
		if (dueInDays !== undefined) item.set('dueDate', isoDate(dueInDays));
		for (const [key, value] of Object.entries(fields)) {
			const current = item.get(key);
			if (current instanceof Y.Text) replaceText(current, String(value));
			else item.set(key, value);
		}
	} else if ('removePlanItem' in edit) {
		types.planItems.delete(edit.removePlanItem);
	} else {
		for (const [domain, [score, note]] of Object.entries(edit.scores)) {
			types.lifeDomains.set(`${domain}.score`, score);
			const current = types.lifeDomains.get(`${domain}.note`);
			if (current instanceof Y.Text) replaceText(current, note);
			else types.lifeDomains.set(`${domain}.note`, new Y.Text(note));
		}
	}
}

const pad = (n: number) => String(n).padStart(2, '0');

function replaceText(text: Y.Text, value: string) {
	if (text.toString() === value) return;
	text.delete(0, text.length);
	text.insert(0, value);
}

function newPlanItem(
	item: DemoPlanItem,
	position: number,
	isoDate: (days: number) => string
): Y.Map<unknown> {
	const { dueInDays, ...fields } = item;
	const textFields: readonly string[] = planItemTextFields;
	const entries = Object.entries({ ...fields, position, dueDate: isoDate(dueInDays) }).map(
		([key, value]): [string, unknown] =>
			textFields.includes(key) ? [key, new Y.Text(String(value))] : [key, value]
	);
	return new Y.Map<unknown>(entries);
}

/** A narrative block in the layout Tiptap's StarterKit gives it in a Yjs document. */
function toXml(block: DemoBlock): Y.XmlElement {
	if (Array.isArray(block)) {
		const list = new Y.XmlElement('bulletList');
		list.insert(
			0,
			block.map((item) => {
				const listItem = new Y.XmlElement('listItem');
				listItem.insert(0, [toXml(item)]);
				return listItem;
			})
		);
		return list;
	}
	const heading = /^## (.*)$/.exec(block);
	const element = new Y.XmlElement(heading ? 'heading' : 'paragraph');
	if (heading) element.setAttribute('level', 3 as unknown as string);
	element.insert(0, [richText(heading ? heading[1] : block)]);
	return element;
}

/** `**bold**` runs as bold text, the way the editor stores marks (mark name → its attributes). */
function richText(source: string): Y.XmlText {
	const text = new Y.XmlText();
	let offset = 0;
	source.split('**').forEach((run, index) => {
		if (run.length === 0) return;
		text.insert(offset, run, index % 2 === 1 ? { bold: {} } : {});
		offset += run.length;
	});
	return text;
}
