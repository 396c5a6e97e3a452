import type { z } from 'zod';
import { CapabilityError } from '../errors';

/** Parses input with a schema, or throws invalid naming the first field at fault. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const [issue] = parsed.error.issues;
	throw new CapabilityError(
		'invalid',
		issue.message,
		issue.path.map(String).join('.') || undefined
	);
}
