import { z } from 'zod';
import { organisationKinds } from './enums';
import { errorKeys, requiredText } from './text';

export const organisationSchema = z.object({
	name: requiredText(120),
	kind: z.enum(organisationKinds, { error: errorKeys.choice })
});
export type OrganisationInput = z.infer<typeof organisationSchema>;
