import { validateSession, type ValidateOptions } from '../auth';
import type { Actor, Ctx } from '../context';
import { isGuestToken, validateGuest } from '../invites';

export type ValidatedCredential = { actor: Actor; idleExpiresAt: Date };

/**
 * The actor behind a live connection's credential: a person's session token, or a guest's
 * token (which says so by its prefix). Null when it no longer gives access.
 */
export async function validateCredential(
	ctx: Ctx,
	token: string,
	options?: ValidateOptions
): Promise<ValidatedCredential | null> {
	return isGuestToken(token) ? validateGuest(ctx, token) : validateSession(ctx, token, options);
}
