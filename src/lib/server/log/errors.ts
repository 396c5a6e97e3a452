/**
 * Errors as they may be logged: what went wrong and where, never the data that was being
 * written. Database errors carry the values of their query: drizzle's DrizzleQueryError has
 * `params` and repeats them in its message ("Failed query: …\nparams: …") and stack, postgres.js
 * errors have `parameters`, and PostgreSQL's `detail` (from postgres.js and PGlite alike) quotes
 * key values ("Key (code)=(…) already exists"). Those are case content: titles, compositions,
 * the bytes of a document update.
 */

/** Properties that hold the values of a query, dropped at every level of the error chain. */
const valueKeys = new Set(['params', 'parameters', 'args', 'detail', 'raw']);
const maxDepth = 8;

type ErrorLike = Error & Record<string, unknown>;

const isErrorLike = (value: unknown): value is ErrorLike =>
	value instanceof Error ||
	(typeof value === 'object' &&
		value !== null &&
		typeof (value as { message?: unknown }).message === 'string' &&
		typeof (value as { stack?: unknown }).stack === 'string');

/**
 * The message without values: drizzle's "params: …" line goes; a data exception (SQLSTATE class
 * 22, e.g. `invalid input syntax for type uuid: "…"`) quotes the offending value.
 */
function messageWithoutValues(error: ErrorLike): string {
	let message = error.message.replace(/\nparams: [\s\S]*$/, '');
	if (typeof error.code === 'string' && error.code.startsWith('22')) {
		message = message.replace(/"[^"]*"/g, '"…"');
	}
	return message;
}

export function serializeError(error: unknown, depth = 0): unknown {
	if (!isErrorLike(error)) return error;
	const message = messageWithoutValues(error);
	const serialized: Record<string, unknown> = {
		type: error.constructor?.name || error.name,
		message,
		stack: typeof error.stack === 'string' ? error.stack.replace(error.message, message) : undefined
	};
	for (const key of Object.keys(error)) {
		if (valueKeys.has(key) || key === 'cause' || key in serialized) continue;
		const value = error[key];
		serialized[key] =
			isErrorLike(value) && depth < maxDepth ? serializeError(value, depth + 1) : value;
	}
	if (Array.isArray(error.errors) && depth < maxDepth) {
		serialized.errors = error.errors.map((nested) => serializeError(nested, depth + 1));
	}
	if (error.cause !== undefined) {
		serialized.cause = depth < maxDepth ? serializeError(error.cause, depth + 1) : '[cause]';
	}
	return serialized;
}
