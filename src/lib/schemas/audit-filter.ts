import { z } from 'zod';
import { errorKeys } from './text';

const optionalUuid = (error: string) =>
	z
		.string()
		.trim()
		.pipe(z.union([z.literal(''), z.uuid({ error })]))
		.optional();
const optionalDay = z
	.string()
	.trim()
	.pipe(z.union([z.literal(''), z.iso.date({ error: 'audit_error_date' })]))
	.optional();

/** Filters of an audit trail (a case's, or the deployment's), read from the query string. */
export const auditFilterSchema = z
	.object({
		/** The deployment-wide trail only. */
		caseId: optionalUuid('admin_audit_error_case_id'),
		/** Who acted: an account id. */
		person: optionalUuid('audit_error_person'),
		/** An action, or a prefix of dotted actions: 'case.version' finds 'case.version.save'. */
		action: z.string().trim().max(100, { error: errorKeys.tooLong }).optional(),
		/** The first and last calendar day (YYYY-MM-DD, Dutch time) of the period, inclusive. */
		from: optionalDay,
		to: optionalDay,
		before: z.coerce.number().int().positive().optional().catch(undefined)
	})
	.refine(({ from, to }) => !from || !to || from <= to, {
		error: 'audit_error_period',
		path: ['to']
	});
export type AuditFilter = z.infer<typeof auditFilterSchema>;
