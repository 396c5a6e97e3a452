import { z } from 'zod';
import { deploymentRoles } from './enums';
import { email, errorKeys, newPassword, requiredText } from './text';

export const loginSchema = z.object({
	email,
	password: z.string({ error: errorKeys.required }).min(1, { error: errorKeys.required }).max(200)
});

export const setupSchema = z
	.object({
		name: requiredText(120),
		email,
		password: newPassword,
		passwordConfirm: z.string(),
		/** Asked for only when the deployment sets SETUP_TOKEN; blank counts as not given. */
		setupToken: z
			.string()
			.max(500, { error: errorKeys.tooLong })
			.optional()
			.transform((value) => value || undefined)
	})
	.refine((v) => v.password === v.passwordConfirm, {
		path: ['passwordConfirm'],
		error: errorKeys.passwordMismatch
	});

export const accountSchema = z.object({
	name: requiredText(120),
	email,
	organisationId: z.uuid({ error: errorKeys.choice }),
	role: z.enum(deploymentRoles, { error: errorKeys.choice }),
	password: newPassword
});
export type AccountInput = z.infer<typeof accountSchema>;

/** Editing an account. Professionals belong to an organisation; an administrator may have none. */
export const accountUpdateSchema = z
	.object({
		name: requiredText(120),
		email,
		organisationId: z.union([z.literal('').transform(() => null), z.uuid()], {
			error: errorKeys.choice
		}),
		role: z.enum(deploymentRoles, { error: errorKeys.choice })
	})
	.refine((v) => v.role === 'admin' || v.organisationId !== null, {
		path: ['organisationId'],
		error: errorKeys.choice
	});
export type AccountUpdateInput = z.infer<typeof accountUpdateSchema>;

const passwordsMatch = (v: { password: string; passwordConfirm: string }) =>
	v.password === v.passwordConfirm;

/** A signed-in person changes their own password: the current one first. */
export const passwordChangeSchema = z
	.object({
		currentPassword: loginSchema.shape.password,
		password: newPassword,
		passwordConfirm: z.string({ error: errorKeys.required })
	})
	.refine(passwordsMatch, { path: ['passwordConfirm'], error: errorKeys.passwordMismatch });
export type PasswordChangeInput = z.infer<typeof passwordChangeSchema>;

/** An administrator sets a new password for someone else's account. */
export const passwordResetSchema = z
	.object({
		password: newPassword,
		passwordConfirm: z.string({ error: errorKeys.required })
	})
	.refine(passwordsMatch, { path: ['passwordConfirm'], error: errorKeys.passwordMismatch });
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;
