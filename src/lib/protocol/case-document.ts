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

/** Plan items in their order, as plain objects. */
export function readPlanItems(planItems: Y.Map<Y.Map<unknown>>): PlanItemFields[] {
	return [...planItems.values()]
		.map((item) => item.toJSON() as PlanItemFields)
		.filter((item) => typeof item.id === 'string')
		.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
}
