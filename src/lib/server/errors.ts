/**
 * Errors capabilities throw for the routes and adapters to translate. `field` names the form
 * field at fault; `message` is a message key the UI translates.
 */
export class CapabilityError extends Error {
	constructor(
		readonly code: 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'rate_limited',
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'CapabilityError';
	}
}

export const notFound = () => new CapabilityError('not_found', 'error_not_found');
export const forbidden = () => new CapabilityError('forbidden', 'error_forbidden');
export const conflict = (message: string, field?: string) =>
	new CapabilityError('conflict', message, field);

export function isUniqueViolation(error: unknown): boolean {
	const cause = (error as { cause?: { code?: string } })?.cause ?? error;
	return (cause as { code?: string })?.code === '23505';
}
