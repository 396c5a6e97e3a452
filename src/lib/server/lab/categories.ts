import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { labLimits, observationKinds, type ObservationKind } from '../../protocol/lab';
import { errorKeys, requiredText } from '../../schemas/text';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { labCategories } from '../db/schema';
import { CapabilityError, conflict, forbidden, isUniqueViolation, notFound } from '../errors';

export type Category = { id: string; kind: ObservationKind; label: string; active: boolean };

const label = requiredText(labLimits.categoryLabel);
const categoryId = z.uuid({ error: errorKeys.choice });
export const categorySchemas = {
	create: z.object({ kind: z.enum(observationKinds, { error: errorKeys.choice }), label }).strict(),
	rename: z.object({ id: categoryId, label }).strict(),
	setActive: z.object({ id: categoryId, active: z.boolean() }).strict()
};

/** Categories by kind and position; the inactive ones only when asked (for administrators). */
export async function listCategories(
	ctx: Ctx,
	options: { includeInactive?: boolean } = {}
): Promise<Category[]> {
	if (!ctx.actor) throw forbidden();
	return ctx.db
		.select({
			id: labCategories.id,
			kind: labCategories.kind,
			label: labCategories.label,
			active: labCategories.active
		})
		.from(labCategories)
		.where(options.includeInactive ? undefined : eq(labCategories.active, true))
		.orderBy(asc(labCategories.kind), asc(labCategories.position), asc(labCategories.label));
}

function parseAsAdmin<S extends z.ZodType>(ctx: Ctx, schema: S, input: unknown): z.output<S> {
	if (ctx.actor?.role !== 'admin') throw forbidden();
	const parsed = schema.safeParse(input);
	if (parsed.success) return parsed.data;
	const issue = parsed.error.issues[0];
	throw new CapabilityError(
		'invalid',
		issue.message,
		issue.path.map(String).join('.') || undefined
	);
}

const labelTaken = () => conflict('lab_error_category_label', 'label');

/** Administrators add a category at the end of its kind's list. */
export async function createCategory(ctx: Ctx, input: unknown): Promise<Category> {
	const data = parseAsAdmin(ctx, categorySchemas.create, input);
	try {
		const [row] = await ctx.db
			.insert(labCategories)
			.values({ ...data, position: 1000 })
			.returning();
		await recordAudit(ctx, {
			action: 'lab.category.create',
			outcome: 'success',
			detail: { ...data, id: row.id }
		});
		return { id: row.id, kind: row.kind, label: row.label, active: row.active };
	} catch (error) {
		if (isUniqueViolation(error)) throw labelTaken();
		throw error;
	}
}

async function change(
	ctx: Ctx,
	id: string,
	values: Partial<typeof labCategories.$inferInsert>,
	action: string
) {
	try {
		const [row] = await ctx.db
			.update(labCategories)
			.set(values)
			.where(eq(labCategories.id, id))
			.returning();
		if (!row) throw notFound();
		await recordAudit(ctx, { action, outcome: 'success', detail: { id, ...values } });
		return { id: row.id, kind: row.kind, label: row.label, active: row.active };
	} catch (error) {
		if (isUniqueViolation(error)) throw labelTaken();
		throw error;
	}
}

/** Renaming keeps the category's observations with it: they refer to it by id. */
export async function renameCategory(ctx: Ctx, input: unknown): Promise<Category> {
	const data = parseAsAdmin(ctx, categorySchemas.rename, input);
	return change(ctx, data.id, { label: data.label }, 'lab.category.rename');
}

/** A deactivated category is no longer offered; observations already in it keep it. */
export async function setCategoryActive(ctx: Ctx, input: unknown): Promise<Category> {
	const data = parseAsAdmin(ctx, categorySchemas.setActive, input);
	return change(ctx, data.id, { active: data.active }, 'lab.category.active');
}
