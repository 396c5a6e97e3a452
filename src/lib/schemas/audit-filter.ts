import { z } from 'zod';
import { errorKeys } from './text';

/** Filters of the deployment-wide audit trail, read from the query string. */
export const auditFilterSchema = z.object({
	caseId: z
		.string()
		.trim()
		.pipe(z.union([z.literal(''), z.uuid({ error: 'admin_audit_error_case_id' })]))
		.optional(),
	action: z.string().trim().max(100, { error: errorKeys.tooLong }).optional(),
	before: z.coerce.number().int().positive().optional().catch(undefined)
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
