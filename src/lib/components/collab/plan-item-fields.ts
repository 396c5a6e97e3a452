import { formatDay, formatEuros } from '$lib/components/cases/format';
import { label } from '$lib/i18n/translate';
import { m } from '$lib/paraglide/messages';
import type { PlanItemFields } from '$lib/protocol/collab';

export type ShownField = { name: keyof PlanItemFields; label: string; value: string };

/** A plan item's fields as a reader sees them: labelled, formatted, empty ones as a dash. */
export function shownPlanFields(item: PlanItemFields): ShownField[] {
	const shown = (name: keyof PlanItemFields, fieldLabel: string, value: string) => ({
		name,
		label: fieldLabel,
		value: value || '—'
	});
	return [
		shown('action', m.plan_action(), item.action),
		shown('organisation', m.plan_organisation(), item.organisation),
		shown('person', m.plan_person(), item.person),
		shown(
			'costEstimate',
			m.plan_cost(),
			item.costEstimate === null ? '' : formatEuros(item.costEstimate)
		),
		shown('legalBasis', m.plan_legal_basis(), item.legalBasis),
		shown('dueDate', m.plan_due_date(), item.dueDate ? formatDay(item.dueDate) : ''),
		shown('status', m.plan_status(), label('plan_status', item.status))
	];
}
