import { eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context';
import { guests, invites } from '../db/schema';

/** How the audit trail names a guest: the organisation they typed and the link they came by. */
export type AuditGuest = { organisation: string; inviteLabel: string | null };

type AuditedActor = { actorId: string | null; detail?: Record<string, unknown> | null };

/** What `recordAudit` adds to every entry a guest makes. */
function guestDetailOf(entry: AuditedActor): { organisation: string } | null {
	const guest = entry.detail?.guest as { organisation?: unknown } | undefined;
	return typeof guest?.organisation === 'string' ? { organisation: guest.organisation } : null;
}

/**
 * Which actors of audit entries were guests, by actor id. A guest has no account to name them;
 * their guest row (kept after their access ends) gives the organisation and the invite's label.
 * When that row is gone with its case, an entry's own detail still gives the organisation.
 * Read as part of an audit read that is itself audited.
 */
export async function lookUpAuditGuests(
	ctx: Ctx,
	entries: readonly AuditedActor[]
): Promise<Map<string, AuditGuest>> {
	const ids = [...new Set(entries.map((entry) => entry.actorId).filter((id) => id !== null))];
	const found = new Map<string, AuditGuest>();
	if (ids.length === 0) return found;
	const rows = await ctx.db
		.select({ id: guests.userId, organisation: guests.organisation, inviteLabel: invites.label })
		.from(guests)
		.innerJoin(invites, eq(invites.id, guests.inviteId))
		.where(inArray(guests.userId, ids));
	for (const { id, ...guest } of rows) found.set(id, guest);
	for (const entry of entries) {
		const fromDetail = entry.actorId && !found.has(entry.actorId) && guestDetailOf(entry);
		if (fromDetail) found.set(entry.actorId!, { ...fromDetail, inviteLabel: null });
	}
	return found;
}
