import { error } from '@sveltejs/kit';
import { CapabilityError } from '$lib/server/errors';

/** A link that lets no one in: the one 404 that says nothing about the case behind it. */
export function unusableLinkPage(): never {
	error(404, 'invite_error_unusable');
}

/** Too many attempts from this address. */
export function tooManyAttemptsPage(): never {
	error(429, 'invite_error_rate_limited');
}

/** For loads: the value, or the unusable-link page when the capability found no usable link. */
export async function orUnusableLink<T>(work: Promise<T>): Promise<T> {
	try {
		return await work;
	} catch (caught) {
		if (caught instanceof CapabilityError && caught.code === 'not_found') unusableLinkPage();
		throw caught;
	}
}
