import { containsBsn } from '../../schemas/bsn';
import { caseLimits, type CaseInput } from '../../schemas/cases';
import { errorKeys } from '../../schemas/text';
import { CapabilityError } from '../errors';

const fields = ['code', 'title', 'municipality', 'composition'] as const;

/**
 * Re-checks a case's text in the capability itself, so that a caller that skips the form
 * schema (an import, a socket handler, a script) still cannot store a BSN or oversized text.
 * Returns the trimmed values.
 */
export function checkCaseInput(input: CaseInput): CaseInput {
	const values = {} as CaseInput;
	for (const field of fields) {
		const raw = input[field];
		const value = typeof raw === 'string' ? raw.trim() : '';
		if (!value && field !== 'composition') invalid(errorKeys.required, field);
		if (value.length > caseLimits[field]) invalid(errorKeys.tooLong, field);
		if (containsBsn(value)) invalid(errorKeys.bsn, field);
		values[field] = value;
	}
	return values;
}

function invalid(message: string, field: string): never {
	throw new CapabilityError('invalid', message, field);
}
