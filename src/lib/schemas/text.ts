import { z } from 'zod';
import { containsBsn } from './bsn';

/** Message keys, translated by the page that shows them. */
export const errorKeys = {
	required: 'error_required',
	tooLong: 'error_too_long',
	bsn: 'error_bsn',
	email: 'error_email',
	passwordShort: 'error_password_short',
	passwordMismatch: 'error_password_mismatch',
	choice: 'error_choice'
} as const;

export const requiredText = (max: number) =>
	z
		.string({ error: errorKeys.required })
		.trim()
		.min(1, { error: errorKeys.required })
		.max(max, { error: errorKeys.tooLong });

/** Free text about a family: must never carry a BSN. */
export const pseudonymisedText = (max: number, required = true) =>
	(required ? requiredText(max) : z.string().trim().max(max, { error: errorKeys.tooLong })).refine(
		(value) => !containsBsn(value),
		{ error: errorKeys.bsn }
	);

export const email = z
	.string({ error: errorKeys.required })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: errorKeys.email }).max(254, { error: errorKeys.tooLong }));

export const newPassword = z
	.string({ error: errorKeys.required })
	.min(12, { error: errorKeys.passwordShort })
	.max(200, { error: errorKeys.tooLong });
