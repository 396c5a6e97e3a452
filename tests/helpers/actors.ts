import { eq } from 'drizzle-orm';
import type { Ctx, UserActor } from '$lib/server/context';
import { organisations, users } from '$lib/server/db/schema';
import type { DeploymentRole, OrganisationKind } from '$lib/schemas/enums';

/** Inserts an account directly (the password hash is irrelevant here) and returns its actor. */
export async function insertActor(
	ctx: Ctx,
	input: {
		name: string;
		email?: string;
		role?: DeploymentRole;
		organisation?: string;
		kind?: OrganisationKind;
	}
): Promise<UserActor> {
	let organisation: { id: string; name: string } | null = null;
	if (input.organisation) {
		[organisation] = await ctx.db
			.select({ id: organisations.id, name: organisations.name })
			.from(organisations)
			.where(eq(organisations.name, input.organisation));
		organisation ??= (
			await ctx.db
				.insert(organisations)
				.values({ name: input.organisation, kind: input.kind ?? 'gemeente' })
				.returning({ id: organisations.id, name: organisations.name })
		)[0];
	}
	const role = input.role ?? 'member';
	const email = input.email ?? `${input.name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
	const [user] = await ctx.db
		.insert(users)
		.values({ name: input.name, email, role, organisationId: organisation?.id, passwordHash: 'x' })
		.returning({ id: users.id });
	return {
		kind: 'user',
		id: user.id,
		name: input.name,
		email,
		role,
		organisationId: organisation?.id ?? null,
		organisationName: organisation?.name ?? null
	};
}
