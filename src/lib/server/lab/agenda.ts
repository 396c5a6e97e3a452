import type { AgendaStep } from '../../protocol/lab';

/**
 * The Change Lab agenda as used in the Lelystad research: mirror the case, analyse why it is
 * stuck, model the breakthrough, agree the plan, look back. 120 minutes in all.
 */
export const defaultAgenda: readonly AgendaStep[] = [
	{ title: 'Spiegelen: de casus en de reis tot nu toe', minutes: 20 },
	{ title: 'Analyse: waarom zit het vast (belemmeringen)', minutes: 30 },
	{ title: 'Doorbraak en nieuw model', minutes: 30 },
	{ title: 'Plan en afspraken', minutes: 30 },
	{ title: 'Terugblik', minutes: 10 }
];
