import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorLabel } from '$lib/components/audit/labels';
import { readAuditTrail } from '$lib/server/audit';
import { deleteCase, openCase } from '$lib/server/cases';
import { cases } from '$lib/server/db/schema';
import { lookUpAuditGuests } from '$lib/server/invites';
import { load as loadAdminAudit } from '../../../src/routes/(app)/admin/audit/+page.server';
import { load as loadCaseAudit } from '../../../src/routes/(app)/cases/[caseId]/audit/+page.server';
import { drivers, useTestDatabase } from '../../helpers/database';
import { admit, joinInput, makeInvite, redeemAs } from '../../helpers/invites';
import { setUpLabCase } from '../../helpers/lab';

type Row = { actorName: string | null; action: string; guest?: unknown };

describe.each(drivers)('guests in the audit trail on %s', (driver) => {
	const t = useTestDatabase(driver);

	/** A guest who joined through a labelled link and opened the plan, and what the owner did. */
	async function setUp() {
		const cast = await setUpLabCase(t);
		const invite = await makeInvite(cast, { label: 'Schuldhulp Flevoland', admitAtOnce: false });
		const guest = await admit(
			cast,
			await redeemAs(cast, invite.token, joinInput('Gerda Gast', 'Schuldhulp'))
		);
		await openCase(guest.ctx, cast.caseId, 'read', 'case.plan.open');
		return { cast, invite, guest };
	}

	it("names a guest by organisation and link; a professional's entry has no guest", async () => {
		const { cast, guest } = await setUp();
		const events = await readAuditTrail(cast.as(cast.admin), { caseId: cast.caseId });
		const guests = await lookUpAuditGuests(cast.as(cast.owner), events);
		expect(Object.fromEntries(guests)).toEqual({
			[guest.actor.id]: { organisation: 'Schuldhulp', inviteLabel: 'Schuldhulp Flevoland' }
		});
		expect(events.some((event) => event.actorId === cast.facilitator.id)).toBe(true);
	});

	it("the case's audit page shows the guest as 'naam (gast, organisatie) via link', in the trail and the filter", async () => {
		const { cast, guest } = await setUp();
		const data = (await loadCaseAudit({
			locals: { ctx: cast.as(cast.owner), actor: cast.owner },
			params: { caseId: cast.caseId },
			url: new URL(`http://localhost/cases/${cast.caseId}/audit`)
		} as never)) as { rows: Row[]; people: { id: string; name: string; guest: unknown }[] };

		const redeemed = data.rows.find((row) => row.action === 'invite.redeem')!;
		expect(redeemed.actorName).toBe('Gerda Gast');
		expect(actorLabel(redeemed.actorName, redeemed.guest as never)).toBe(
			"Gerda Gast (gast, Schuldhulp) via link 'Schuldhulp Flevoland'"
		);
		const admitted = data.rows.find((row) => row.action === 'invite.guest.admit')!;
		expect(actorLabel(admitted.actorName, admitted.guest as never)).toBe('Fenna Facilitator');
		const person = data.people.find((entry) => entry.id === guest.actor.id)!;
		expect(actorLabel(person.name, person.guest as never)).toBe(
			"Gerda Gast (gast, Schuldhulp) via link 'Schuldhulp Flevoland'"
		);
	});

	it('after the case (and with it the guest) is deleted, the administrator still sees a guest and their organisation', async () => {
		const { cast, guest } = await setUp();
		const [{ code }] = await t.database.db
			.select({ code: cases.code })
			.from(cases)
			.where(eq(cases.id, cast.caseId));
		await deleteCase(cast.as(cast.owner), cast.caseId, { confirmCode: code });

		const data = (await loadAdminAudit({
			locals: { ctx: cast.as(cast.admin), actor: cast.admin },
			url: new URL(`http://localhost/admin/audit?caseId=${cast.caseId}`),
			parent: async () => ({})
		} as never)) as { rows: (Row & { actorId: string | null })[] };
		const byGuest = data.rows.filter((row) => row.actorId === guest.actor.id);
		expect(byGuest.length).toBeGreaterThan(0);
		for (const row of byGuest) {
			expect(actorLabel(row.actorName, row.guest as never)).toBe('Gerda Gast (gast, Schuldhulp)');
		}
	});
});
