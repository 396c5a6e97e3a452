import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { CapabilityError } from './errors';

/** Field name → message key. `_form` carries an error that belongs to no single field. */
export type FieldErrors = Record<string, string>;
export type FormFailure = { values: Record<string, string>; errors: FieldErrors };

const secretFields = /password/i;

/** The submitted values to show again, without passwords. */
function echoValues(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [name, value] of formData) {
		if (typeof value === 'string' && !secretFields.test(name)) values[name] = value;
	}
	return values;
}

export type ParsedForm<T> =
	| { ok: true; data: T; formData: FormData }
	| { ok: false; failure: ReturnType<typeof fail<FormFailure>> };

/** Parses a form with a schema; on failure, a 400 with the first error of each field. */
export async function parseForm<S extends z.ZodType>(
	request: Request,
	schema: S
): Promise<ParsedForm<z.output<S>>> {
	const formData = await request.formData();
	const input = Object.fromEntries(
		[...formData.keys()].map((key) => {
			const all = formData.getAll(key).filter((v): v is string => typeof v === 'string');
			return [key, all.length > 1 ? all : all[0]];
		})
	);
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data, formData };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = issue.path.length ? String(issue.path[0]) : '_form';
		errors[field] ??= issue.message;
	}
	return { ok: false, failure: fail(400, { values: echoValues(formData), errors }) };
}

/**
 * Turns a capability's refusal into a form failure (conflict, invalid, rate limit); anything
 * else is thrown on. Not-found and forbidden stay errors: the route decides what they show.
 */
export function failFromError(error: unknown, formData: FormData) {
	if (
		error instanceof CapabilityError &&
		['conflict', 'invalid', 'rate_limited'].includes(error.code)
	) {
		const status = error.code === 'rate_limited' ? 429 : error.code === 'conflict' ? 409 : 400;
		return fail(status, {
			values: echoValues(formData),
			errors: { [error.field ?? '_form']: error.message }
		});
	}
	throw error;
}
