import { describe, expect, it } from 'vitest';
import { applyAgendaOp, readSessionForm, sessionFormSchema } from './session-form';

const steps = [
	{ title: 'Spiegelen', minutes: '20' },
	{ title: 'Analyse', minutes: '30' },
	{ title: 'Terugblik', minutes: '10' }
];

function formData(fields: Record<string, string>) {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.append(name, value);
	return data;
}

describe('the plan-a-session form', () => {
	it('moves, removes and adds steps as its buttons ask, within the agenda limits', () => {
		expect(applyAgendaOp(steps, 'up:1').map((s) => s.title)).toEqual([
			'Analyse',
			'Spiegelen',
			'Terugblik'
		]);
		expect(applyAgendaOp(steps, 'down:2')).toEqual(steps);
		expect(applyAgendaOp(steps, 'remove:0').map((s) => s.title)).toEqual(['Analyse', 'Terugblik']);
		expect(applyAgendaOp([steps[0]], 'remove:0')).toEqual([steps[0]]);
		expect(applyAgendaOp(steps, 'add')).toHaveLength(4);
	});

	it('reads the indexed step fields and stores the Dutch date and time with its offset', () => {
		const posted = readSessionForm(
			formData({
				idempotencyKey: 'form-key-123',
				title: 'Casusoverleg',
				date: '2026-07-01',
				time: '09:30',
				scribeId: '',
				'steps.0.title': 'Analyse',
				'steps.0.minutes': '45',
				'steps.1.title': 'Terugblik',
				'steps.1.minutes': '10'
			})
		);
		const parsed = sessionFormSchema.parse(posted);
		expect(parsed).toMatchObject({
			scheduledAt: '2026-07-01T09:30:00+02:00',
			scribeId: null,
			steps: [
				{ title: 'Analyse', minutes: 45 },
				{ title: 'Terugblik', minutes: 10 }
			],
			saveAsTemplate: false
		});
	});

	it('names the field at fault: a step by its index, a date that does not exist', () => {
		const issues = (fields: Record<string, string>) =>
			sessionFormSchema
				.safeParse(readSessionForm(formData(fields)))
				.error?.issues.map((issue) => [issue.path.join('.'), issue.message]);
		const base = {
			idempotencyKey: 'form-key-123',
			title: 'Overleg',
			date: '2026-07-01',
			time: '09:30'
		};
		expect(issues({ ...base, 'steps.0.title': 'Analyse', 'steps.0.minutes': '0' })).toEqual([
			['steps.0.minutes', 'lab_error_minutes']
		]);
		expect(issues({ ...base, 'steps.0.title': '', 'steps.0.minutes': '5' })).toEqual([
			['steps.0.title', 'error_required']
		]);
		expect(
			issues({ ...base, date: '2026-02-30', 'steps.0.title': 'Analyse', 'steps.0.minutes': '5' })
		).toEqual([['date', 'lab_error_date']]);
	});
});
