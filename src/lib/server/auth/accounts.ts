import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accessEnded } from '../../protocol/access';
import type { AccountInput, AccountUpdateInput, PasswordResetInput } from '../../schemas/auth';
import { recordAudit } from '../audit';
import type { Ctx } from '../context';
import { organisations, personEmail, users } from '../db/schema';
import { conflict, forbidden, isUniqueViolation, notFound } from '../errors';
import { hashPassword } from './password';
import { endAllSessionsOf } from './sessions';

export type Account = {
	id: string;
	name: string;
	email: string;
	role: 'admin' | 'member';
	active: boolean;
	organisationId: string | null;
	organisationName: string | null;
};

export function requireAdmin(ctx: Ctx): void {
	if (ctx.actor?.role !== 'admin') throw forbidden();
}

const accountColumns = {
	id: users.id,
	name: users.name,
	email: personEmail,
	role: users.role,
	active: users.active,
	organisationId: users.organisationId,
	organisationName: organisations.name
};

export async function listAccounts(ctx: Ctx): Promise<Account[]> {
	requireAdmin(ctx);
	return ctx.db
		.select(accountColumns)
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(eq(users.kind, 'person'))
		.orderBy(asc(users.name));
}

export async function getAccount(ctx: Ctx, userId: string): Promise<Account> {
	requireAdmin(ctx);
	if (!z.uuid().safeParse(userId).success) throw notFound();
	const [account] = await ctx.db
		.select(accountColumns)
		.from(users)
		.leftJoin(organisations, eq(organisations.id, users.organisationId))
		.where(and(eq(users.id, userId), eq(users.kind, 'person')));
	if (!account) throw notFound();
	return account;
}

export async function createAccount(ctx: Ctx, input: AccountInput): Promise<{ id: string }> {
	requireAdmin(ctx);
	const [organisation] = await ctx.db
		.select({ id: organisations.id })
		.from(organisations)
		.where(eq(organisations.id, input.organisationId));
	if (!organisation) throw conflict('error_choice', 'organisationId');
	try {
		const [created] = await ctx.db
			.insert(users)
			.values({
				name: input.name,
				email: input.email,
				organisationId: input.organisationId,
				role: input.role,
				passwordHash: await hashPassword(input.password)
			})
			.returning({ id: users.id });
		await recordAudit(ctx, {
			action: 'account.create',
			outcome: 'success',
			detail: { userId: created.id, role: input.role }
		});
		return created;
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('error_email_taken', 'email');
		throw error;
	}
}

/**
 * Changes name, email, organisation and role. An administrator may not demote themselves, so
 * a deployment always keeps at least one administrator.
 */
export async function updateAccount(
	ctx: Ctx,
	userId: string,
	input: AccountUpdateInput
): Promise<void> {
	const current = await getAccount(ctx, userId);
	if (userId === ctx.actor?.id && input.role !== 'admin') {
		throw conflict('account_error_demote_self', 'role');
	}
	if (input.organisationId && input.organisationId !== current.organisationId) {
		const [organisation] = await ctx.db
			.select({ id: organisations.id })
			.from(organisations)
			.where(eq(organisations.id, input.organisationId));
		if (!organisation) throw conflict('error_choice', 'organisationId');
	}
	const changed = (['name', 'email', 'organisationId', 'role'] as const).filter(
		(field) => current[field] !== input[field]
	);
	if (changed.length === 0) return;
	try {
		await ctx.db.transaction(async (tx) => {
			await tx
				.update(users)
				.set({
					name: input.name,
					email: input.email,
					organisationId: input.organisationId,
					role: input.role
				})
				.where(eq(users.id, userId));
			await recordAudit(
				{ ...ctx, db: tx },
				{
					action: 'account.update',
					outcome: 'success',
					detail: {
						userId,
						changed,
						...(changed.includes('role') && { role: { from: current.role, to: input.role } }),
						...(changed.includes('organisationId') && {
							organisationId: { from: current.organisationId, to: input.organisationId }
						})
					}
				}
			);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw conflict('error_email_taken', 'email');
		throw error;
	}
}

/** Deactivating ends every session of the account at once. */
export async function setAccountActive(ctx: Ctx, userId: string, active: boolean): Promise<void> {
	requireAdmin(ctx);
	if (!active && userId === ctx.actor?.id) throw conflict('error_deactivate_self');
	if (!z.uuid().safeParse(userId).success) throw notFound();
	const [updated] = await ctx.db
		.update(users)
		.set({ active })
		.where(eq(users.id, userId))
		.returning({ id: users.id });
	if (!updated) throw notFound();
	if (!active) {
		await endAllSessionsOf(ctx, updated.id, { reason: accessEnded.accountDeactivated });
	}
	await recordAudit(ctx, {
		action: active ? 'account.activate' : 'account.deactivate',
		outcome: 'success',
		detail: { userId }
	});
}

/**
 * An administrator sets a new password for another account (their own they change with the
 * current one, see changeOwnPassword). Every session of the account ends.
 */
export async function setAccountPassword(
	ctx: Ctx,
	userId: string,
	input: PasswordResetInput
): Promise<void> {
	requireAdmin(ctx);
	if (userId === ctx.actor?.id) throw conflict('account_error_password_self', 'password');
	const account = await getAccount(ctx, userId);
	const passwordHash = await hashPassword(input.password);
	await ctx.db.update(users).set({ passwordHash }).where(eq(users.id, account.id));
	await endAllSessionsOf(ctx, account.id, { reason: accessEnded.passwordChanged });
	await recordAudit(ctx, {
		action: 'auth.password.reset',
		outcome: 'success',
		detail: { userId: account.id }
	});
}
