import { describe, expect, it } from 'vitest';
import type { CaseContent } from '../../protocol/case-document';
import type { PlanItemFields } from '../../protocol/collab';
import { diffPlan, listAgreements } from './plan-diff';

const item = (id: string, fields: Partial<PlanItemFields> = {}): PlanItemFields => ({
	id,
	position: 1,
	action: `Actie ${id}`,
	organisation: 'Gemeente',
	person: 'Ans',
	costEstimate: null,
	legalBasis: '',
	dueDate: '2026-03-01',
	status: 'concept',
	...fields
});

const content = (planItems: PlanItemFields[], breakthroughText = '', agreedOn?: string) =>
	({
		narrative: [],
		breakthroughText,
		breakthrough: agreedOn ? { agreedOn } : {},
		planItems,
		lifeDomains: {}
	}) as CaseContent;

describe('plan difference', () => {
	it('names the items added, removed and changed, with the fields that changed', () => {
		const before = content([item('a'), item('b'), item('c')]);
		const after = content([
			item('a'),
			item('b', { status: 'ingediend', costEstimate: 500 }),
			item('d', { action: 'Maatwerkbudget aanvragen' })
		]);
		const diff = diffPlan(before, after);
		expect(diff.added.map((i) => i.id)).toEqual(['d']);
		expect(diff.removed.map((i) => i.id)).toEqual(['c']);
		expect(diff.changed).toEqual([
			{
				id: 'b',
				action: 'Actie b',
				fields: [
					{ field: 'costEstimate', before: null, after: 500 },
					{ field: 'status', before: 'concept', after: 'ingediend' }
				]
			}
		]);
		expect(diff.breakthrough.changed).toBe(false);
	});

	it('does not count a reorder or an empty field becoming absent as a change', () => {
		const diff = diffPlan(
			content([item('a', { legalBasis: '' })]),
			content([item('a', { position: 9, legalBasis: undefined as unknown as string })])
		);
		expect(diff.changed).toEqual([]);
	});

	it('sees the doorbraak change in its text or its date of agreement', () => {
		expect(
			diffPlan(content([], 'Thuis wonen'), content([], 'Thuis wonen')).breakthrough.changed
		).toBe(false);
		const dated = diffPlan(content([], 'Thuis wonen'), content([], 'Thuis wonen', '2026-02-01'));
		expect(dated.breakthrough).toMatchObject({
			changed: true,
			after: { text: 'Thuis wonen', agreedOn: '2026-02-01' }
		});
	});

	it('lists the agreements with organisation, person and due date', () => {
		expect(listAgreements(content([item('a', { person: 'Bo' })]))).toEqual([
			{
				id: 'a',
				action: 'Actie a',
				organisation: 'Gemeente',
				person: 'Bo',
				dueDate: '2026-03-01',
				status: 'concept'
			}
		]);
	});
});
