import { z } from 'zod';
import { labLimits, observationKinds } from '../protocol/lab';
import { errorKeys, requiredText } from './text';

/** The forms of the categories admin page; the lab capability checks the same again. */
const id = z.uuid({ error: errorKeys.choice });
const label = requiredText(labLimits.categoryLabel);

export const categoryCreateSchema = z.object({
	kind: z.enum(observationKinds, { error: errorKeys.choice }),
	label
});
export const categoryRenameSchema = z.object({ id, label });
export const categoryActiveSchema = z.object({
	id,
	active: z.enum(['true', 'false']).transform((value) => value === 'true')
});
