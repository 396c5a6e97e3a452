import * as Y from 'yjs';
import { planItemTextFields, type PlanItemFields } from '$lib/protocol/collab';

/** A new plan item at the end of the plan. */
export function addPlanItem(planItems: Y.Map<Y.Map<unknown>>, items: PlanItemFields[]): string {
	const id = crypto.randomUUID();
	const fields: PlanItemFields = {
		id,
		position: (items.at(-1)?.position ?? 0) + 1,
		action: '',
		organisation: '',
		person: '',
		costEstimate: null,
		legalBasis: '',
		dueDate: '',
		status: 'concept'
	};
	const item = new Y.Map<unknown>();
	const textFields: readonly string[] = planItemTextFields;
	for (const [key, value] of Object.entries(fields)) {
		item.set(key, textFields.includes(key) ? new Y.Text(String(value)) : value);
	}
	planItems.set(id, item);
	return id;
}

/**
 * Moves an item one place up or down by giving it a position between its new neighbours; only
 * that one field changes, so concurrent edits of the item's other fields are kept.
 */
export function movePlanItem(
	planItems: Y.Map<Y.Map<unknown>>,
	items: PlanItemFields[],
	id: string,
	direction: -1 | 1
): void {
	const index = items.findIndex((item) => item.id === id);
	const target = index + direction;
	if (index < 0 || target < 0 || target >= items.length) return;
	const beyond = items[target + direction];
	const next =
		beyond === undefined
			? items[target].position + direction
			: (items[target].position + beyond.position) / 2;
	planItems.get(id)?.set('position', next);
}
