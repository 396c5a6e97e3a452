import { inviteSchema } from '../../schemas/invites';
import { hashToken, generateToken } from '../auth';
import { auditCase } from '../cases';
import type { Ctx } from '../context';
import { invites } from '../db/schema';
import { CapabilityError } from '../errors';
import { openInviteScope, type InviteScope } from './authorise';
import { inviteExpiry } from './expiry';
import { parseOrThrow } from './parse';

export type CreatedInvite = {
	id: string;
	/** Shown once, to the person who made the link; only its hash is stored. */
	token: string;
	expiresAt: Date;
};

/** Makes an invite link for the case, or for one session of it that has not ended. */
export async function createInvite(
	ctx: Ctx,
	scope: InviteScope,
	input: unknown
): Promise<CreatedInvite> {
	const { opened, session } = await openInviteScope(ctx, scope, 'invite.create');
	const data = parseOrThrow(inviteSchema, input);
	if (session?.status === 'ended') {
		throw new CapabilityError('conflict', 'invite_error_session_ended');
	}
	const now = ctx.clock();
	const expiresAt = inviteExpiry(now, data.expiresOn, session?.scheduledAt);
	const token = generateToken();
	const [invite] = await ctx.db
		.insert(invites)
		.values({
			caseId: opened.record.id,
			sessionId: session?.id ?? null,
			role: data.role,
			label: data.label,
			tokenHash: hashToken(token),
			expiresAt,
			maxUses: data.maxUses,
			admitAtOnce: data.admitAtOnce,
			createdBy: ctx.actor!.id,
			createdAt: now
		})
		.returning({ id: invites.id });
	await auditCase(ctx, opened, 'invite.create', {
		inviteId: invite.id,
		sessionId: session?.id,
		role: data.role,
		maxUses: data.maxUses,
		admitAtOnce: data.admitAtOnce,
		expiresAt: expiresAt.toISOString()
	});
	return { id: invite.id, token, expiresAt };
}
