import type { CaseContent } from '../../protocol/case-document';
import type { PlanItemFields } from '../../protocol/collab';

/** What changed in a case's plan between two versions, in words a reader of the record needs. */
export type PlanDiff = {
	added: PlanItemFields[];
	removed: PlanItemFields[];
	changed: {
		id: string;
		action: string;
		fields: { field: keyof PlanItemFields; before: unknown; after: unknown }[];
	}[];
	breakthrough: {
		changed: boolean;
		before: { text: string; agreedOn: string | null };
		after: { text: string; agreedOn: string | null };
	};
};

export type Agreement = Pick<
	PlanItemFields,
	'id' | 'action' | 'organisation' | 'person' | 'dueDate' | 'status'
>;

/** Fields a reader cares about; `position` alone (a reorder) is not a change of the plan. */
const comparedFields: (keyof PlanItemFields)[] = [
	'action',
	'organisation',
	'person',
	'costEstimate',
	'legalBasis',
	'dueDate',
	'status'
];

const normalise = (value: unknown) => (value === undefined || value === '' ? null : value);

function breakthroughOf(content: CaseContent) {
	return { text: content.breakthroughText, agreedOn: content.breakthrough.agreedOn ?? null };
}

export function diffPlan(before: CaseContent, after: CaseContent): PlanDiff {
	const beforeById = new Map(before.planItems.map((item) => [item.id, item]));
	const afterById = new Map(after.planItems.map((item) => [item.id, item]));
	const changed: PlanDiff['changed'] = [];
	for (const item of after.planItems) {
		const old = beforeById.get(item.id);
		if (!old) continue;
		const fields = comparedFields
			.filter((field) => normalise(old[field]) !== normalise(item[field]))
			.map((field) => ({ field, before: old[field] ?? null, after: item[field] ?? null }));
		if (fields.length) changed.push({ id: item.id, action: item.action ?? '', fields });
	}
	const breakthroughBefore = breakthroughOf(before);
	const breakthroughAfter = breakthroughOf(after);
	return {
		added: after.planItems.filter((item) => !beforeById.has(item.id)),
		removed: before.planItems.filter((item) => !afterById.has(item.id)),
		changed,
		breakthrough: {
			changed:
				breakthroughBefore.text !== breakthroughAfter.text ||
				breakthroughBefore.agreedOn !== breakthroughAfter.agreedOn,
			before: breakthroughBefore,
			after: breakthroughAfter
		}
	};
}

/** The plan's agreements: every item with who does it, for which organisation, by when. */
export function listAgreements(content: CaseContent): Agreement[] {
	return content.planItems.map((item) => ({
		id: item.id,
		action: item.action ?? '',
		organisation: item.organisation ?? '',
		person: item.person ?? '',
		dueDate: item.dueDate ?? '',
		status: item.status
	}));
}
