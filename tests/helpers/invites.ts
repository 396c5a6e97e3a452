import type { Actor, Ctx, GuestActor } from '$lib/server/context';
import {
	createInvite,
	decideGuest,
	redeemInvite,
	type CreatedInvite,
	type InviteScope,
	type Redemption
} from '$lib/server/invites';
import type { InviteInput } from '$lib/schemas/invites';
import type { LabCast } from './lab';

/** What a guest types on the join page. */
export const joinInput = (name = 'Gerda Gast', organisation = 'Schuldhulp Flevoland') => ({
	name,
	organisation
});

/** A link to the cast's case (or one session), made by its facilitator. */
export function makeInvite(
	cast: LabCast,
	input: Partial<InviteInput> = {},
	{ sessionId = null, by = cast.facilitator }: { sessionId?: string | null; by?: Actor } = {}
): Promise<CreatedInvite> {
	const scope: InviteScope = { caseId: cast.caseId, sessionId };
	return createInvite(cast.as(by), scope, {
		role: 'participant',
		label: 'Schuldhulp Flevoland',
		...input
	});
}

export type Guest = Redemption & { ctx: Ctx };

/** Redeems `token` with the cast's clock; `ctx` acts as the new guest. */
export async function redeemAs(
	cast: LabCast,
	token: string,
	input = joinInput(),
	address = '198.51.100.20'
): Promise<Guest> {
	const redemption = await redeemInvite({ ...cast.as(null), address }, token, input);
	return { ...redemption, ctx: cast.as(redemption.actor) };
}

/** The guest as the facilitator admitted them: what their next request would see. */
export async function admit(cast: LabCast, guest: Guest): Promise<Guest> {
	await decideGuest(cast.as(cast.facilitator), guest.actor.id, 'admit');
	const actor: GuestActor = {
		...guest.actor,
		guest: { ...guest.actor.guest, status: 'admitted' }
	};
	return { ...guest, status: 'admitted', actor, ctx: cast.as(actor) };
}
