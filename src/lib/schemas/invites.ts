import { z } from 'zod';
import { guestRoles } from './enums';
import { errorKeys, pseudonymisedText } from './text';

export const inviteLimits = {
	label: 80,
	guestName: 60,
	organisation: 80,
	/** A link lasts at most this many days: it is for a meeting, not a standing account. */
	maxDays: 30,
	maxUses: 50
} as const;

const dateField = z
	.string()
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: errorKeys.choice });

/**
 * What the person who makes a link chooses. `expiresOn` is a calendar day in Dutch time: the
 * link works until that day ends. Empty means the end of the session's day (or of today, for a
 * link to the whole case).
 */
export const inviteSchema = z.object({
	role: z.enum(guestRoles, { error: errorKeys.choice }),
	label: pseudonymisedText(inviteLimits.label),
	expiresOn: z
		.union([z.literal(''), dateField])
		.optional()
		.default(''),
	maxUses: z.coerce
		.number({ error: errorKeys.choice })
		.int({ error: errorKeys.choice })
		.min(1, { error: errorKeys.choice })
		.max(inviteLimits.maxUses, { error: errorKeys.choice })
		.default(1),
	/** Checkbox: present ("on") when guests come in without waiting in the lobby. */
	admitAtOnce: z
		.union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
		.optional()
		.transform((value) => value === true || value === 'on' || value === 'true')
});
export type InviteInput = z.input<typeof inviteSchema>;

/** What the join page asks of a guest: how others will see them. */
export const joinSchema = z.object({
	name: pseudonymisedText(inviteLimits.guestName),
	organisation: pseudonymisedText(inviteLimits.organisation)
});
export type JoinInput = z.infer<typeof joinSchema>;

export const guestIdSchema = z.object({ guestId: z.uuid({ error: errorKeys.choice }) });
export const inviteIdSchema = z.object({ inviteId: z.uuid({ error: errorKeys.choice }) });
