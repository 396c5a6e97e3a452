import { error } from '@sveltejs/kit';
import { CapabilityError } from '$lib/server/errors';
import { failFromError } from '$lib/server/forms';

/** Not-found and forbidden become error pages; anything else is left to the caller. */
export function throwPageError(caught: unknown): void {
	if (caught instanceof CapabilityError && caught.code === 'not_found') error(404, 'Not found');
	if (caught instanceof CapabilityError && caught.code === 'forbidden') error(403, 'Forbidden');
}

/** For loads: the value, or the error page a refusal calls for. */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (caught) {
		throwPageError(caught);
		throw caught;
	}
}

/** For form actions: an error page, or a form failure with the field at fault. */
export function failOrErrorPage(caught: unknown, formData: FormData) {
	throwPageError(caught);
	return failFromError(caught, formData);
}
