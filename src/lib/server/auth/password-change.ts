import { eq } from 'drizzle-orm';
import { accessEnded } from '../../protocol/access';
import type { PasswordChangeInput } from '../../schemas/auth';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { users } from '../db/schema';
import { CapabilityError, forbidden } from '../errors';
import { checkPasswordLimited, type LoginLimiter } from './login';
import { hashPassword } from './password';
import { endAllSessionsOf } from './sessions';

/**
 * The signed-in person changes their own password. The current password is checked under the
 * login limits (a borrowed session cannot be used to guess it); every other session of the
 * account ends, the one in `sessionToken` (theirs) stays.
 */
export async function changeOwnPassword(
	ctx: Ctx,
	limiter: LoginLimiter,
	sessionToken: string,
	input: PasswordChangeInput
): Promise<void> {
	const actor = ctx.actor;
	if (actor?.kind !== 'user') throw forbidden();
	try {
		await checkPasswordLimited(
			ctx,
			limiter,
			{ email: actor.email, password: input.currentPassword },
			'auth.password.change'
		);
	} catch (error) {
		if (error instanceof CapabilityError && error.code === 'invalid') {
			throw new CapabilityError('invalid', 'error_current_password', 'currentPassword');
		}
		throw error;
	}
	const passwordHash = await hashPassword(input.password);
	await ctx.db.update(users).set({ passwordHash }).where(eq(users.id, actor.id));
	await endAllSessionsOf(ctx, actor.id, {
		reason: accessEnded.passwordChanged,
		except: sessionToken
	});
	await recordAudit(ctx, {
		action: 'auth.password.change',
		outcome: 'success',
		detail: { userId: actor.id }
	});
}
