import { error } from '@sveltejs/kit';
import { CapabilityError } from '$lib/server/errors';
import { failFromError } from '$lib/server/forms';

/**
 * Not-found becomes the ordinary 404 page, the same for an unknown case and one the actor is
 * not a member of; a member whose role lacks the right gets 403.
 */
export function throwCaseError(caught: unknown): void {
	if (caught instanceof CapabilityError && caught.code === 'not_found') error(404, 'Not found');
	if (caught instanceof CapabilityError && caught.code === 'forbidden') error(403, 'Forbidden');
}

/** For loads: the value, or the error page a refusal calls for. */
export async function orCaseError<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (caught) {
		throwCaseError(caught);
		throw caught;
	}
}

/** For form actions: an error page, or a form failure with the field at fault. */
export function failOrCaseError(caught: unknown, formData: FormData) {
	throwCaseError(caught);
	return failFromError(caught, formData);
}
