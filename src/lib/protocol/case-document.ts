import * as Y from 'yjs';
import { caseDocument, type PlanItemFields } from './collab';

/** The shared types of a case document, as browser and server both reach them. */
export function caseDocumentTypes(doc: Y.Doc) {
	return {
		narrative: doc.getXmlFragment(caseDocument.narrative),
		breakthroughText: doc.getText(caseDocument.breakthroughText),
		breakthrough: doc.getMap<string>(caseDocument.breakthrough),
		planItems: doc.getMap<Y.Map<unknown>>(caseDocument.planItems),
		lifeDomains: doc.getMap<unknown>(caseDocument.lifeDomains)
	};
}

export type NarrativeBlock = { kind: 'heading' | 'paragraph' | 'item' | 'quote'; text: string };

/** A case document as plain values, for read-only views and comparisons. */
export type CaseContent = {
	/** The rich text as a flat list of blocks with their plain text. */
	narrative: NarrativeBlock[];
	breakthroughText: string;
	breakthrough: { agreedOn?: string };
	planItems: PlanItemFields[];
	/** `<domain>.score` (number) and `<domain>.note` (string). */
	lifeDomains: Record<string, number | string>;
};

/** Plan items in their order, as plain objects. */
export function readPlanItems(planItems: Y.Map<Y.Map<unknown>>): PlanItemFields[] {
	return [...planItems.values()]
		.map((item) => item.toJSON() as PlanItemFields)
		.filter((item) => typeof item.id === 'string')
		.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}
