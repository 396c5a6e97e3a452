import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	addMember,
	changeMemberRole,
	createCase,
	getCase,
	listMemberCandidates,
	listMembers,
	removeMember
} from '$lib/server/cases';
import { users } from '$lib/server/db/schema';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const family = { code: 'Gezin K-17', title: 'Schulden', municipality: 'Lelystad', composition: '' };

describe.each(drivers)('case members on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUp() {
		const anna = await insertActor(t.ctx(), { name: 'Anna Jansen', organisation: 'Gemeente' });
		const bram = await insertActor(t.ctx(), { name: 'Bram Bakker', organisation: 'Schuldhulp' });
		const { id } = await createCase(t.ctx(anna), family);
		return { anna, bram, id };
	}

	it('adds, re-roles and removes a member, each audited', async () => {
		const { anna, bram, id } = await setUp();
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'participant' });
		expect((await listMembers(t.ctx(bram), id)).map((m) => [m.name, m.role])).toEqual([
			['Anna Jansen', 'owner'],
			['Bram Bakker', 'participant']
		]);

		await changeMemberRole(t.ctx(anna), id, bram.id, 'facilitator');
		expect((await getCase(t.ctx(bram), id)).role).toBe('facilitator');

		await removeMember(t.ctx(anna), id, bram.id);
		await expect(getCase(t.ctx(bram), id)).rejects.toMatchObject({ code: 'not_found' });

		const changes = (await listAuditEvents(t.ctx(), { caseId: id }))
			.filter((e) => e.action.startsWith('case.member.') && e.action !== 'case.member.list')
			.reverse();
		expect(changes).toMatchObject([
			{ action: 'case.member.add', detail: { userId: bram.id, role: 'participant' } },
			{ action: 'case.member.update', detail: { from: 'participant', to: 'facilitator' } },
			{ action: 'case.member.remove', detail: { userId: bram.id } }
		]);
		for (const event of changes) {
			expect(event).toMatchObject({ outcome: 'success', actorId: anna.id, actorRole: 'owner' });
		}
	});

	it('keeps at least one owner', async () => {
		const { anna, bram, id } = await setUp();
		await expect(changeMemberRole(t.ctx(anna), id, anna.id, 'participant')).rejects.toMatchObject({
			code: 'conflict',
			message: 'member_error_last_owner'
		});
		await expect(removeMember(t.ctx(anna), id, anna.id)).rejects.toMatchObject({
			code: 'conflict',
			message: 'member_error_last_owner'
		});

		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'owner' });
		await changeMemberRole(t.ctx(anna), id, anna.id, 'participant');
		await expect(removeMember(t.ctx(bram), id, bram.id)).rejects.toMatchObject({
			message: 'member_error_last_owner'
		});
		expect((await listMembers(t.ctx(bram), id)).filter((m) => m.role === 'owner')).toHaveLength(1);

		const refused = (await listAuditEvents(t.ctx(), { caseId: id })).filter(
			(e) => e.outcome === 'invalid'
		);
		expect(refused).toHaveLength(3);
		expect(refused[0].detail).toMatchObject({ reason: 'member_error_last_owner' });
	});

	it('keeps one owner when two owners demote each other at the same time', async () => {
		const { anna, bram, id } = await setUp();
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'owner' });
		const results = await Promise.allSettled([
			changeMemberRole(t.ctx(anna), id, bram.id, 'participant'),
			changeMemberRole(t.ctx(bram), id, anna.id, 'participant')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const owners = (await getCase(t.ctx(anna), id).catch(() => getCase(t.ctx(bram), id))).members;
		expect(owners.filter((m) => m.role === 'owner')).toHaveLength(1);
	});

	it('adds only active accounts, once', async () => {
		const { anna, bram, id } = await setUp();
		await t.database.db.update(users).set({ active: false }).where(eq(users.id, bram.id));
		await expect(
			addMember(t.ctx(anna), id, { userId: bram.id, role: 'participant' })
		).rejects.toMatchObject({
			code: 'invalid',
			field: 'userId',
			message: 'member_error_unknown_account'
		});
		await expect(
			addMember(t.ctx(anna), id, { email: 'nobody@example.org', role: 'participant' })
		).rejects.toMatchObject({ code: 'invalid', field: 'email' });
		await expect(
			addMember(t.ctx(anna), id, { userId: 'not-a-uuid', role: 'participant' })
		).rejects.toMatchObject({ code: 'invalid', field: 'userId' });
		await expect(
			addMember(t.ctx(anna), id, { userId: anna.id, role: 'observer' })
		).rejects.toMatchObject({ code: 'conflict', message: 'member_error_already_member' });
		expect(await listMembers(t.ctx(anna), id)).toHaveLength(1);
	});

	it('offers active non-members with their organisation as candidates, to owners only', async () => {
		const { anna, bram, id } = await setUp();
		const cor = await insertActor(t.ctx(), { name: 'Cor Corporatie', organisation: 'Woonstad' });
		const gone = await insertActor(t.ctx(), { name: 'Gerrit Gestopt' });
		await t.database.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
		await addMember(t.ctx(anna), id, { userId: cor.id, role: 'observer' });

		expect(await listMemberCandidates(t.ctx(anna), id)).toEqual([
			{ id: bram.id, name: 'Bram Bakker', organisationName: 'Schuldhulp' }
		]);
		await expect(listMemberCandidates(t.ctx(cor), id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listMemberCandidates(t.ctx(bram), id)).rejects.toMatchObject({
			code: 'not_found'
		});
	});

	it('offers only professionals, each with their organisation, not administrators without one', async () => {
		const { anna, bram, id } = await setUp();
		await insertActor(t.ctx(), { name: 'Ada Beheer', role: 'admin' });
		await insertActor(t.ctx(), { name: 'Zonder Organisatie' });
		const otherBram = await insertActor(t.ctx(), {
			name: 'Bram Bakker',
			email: 'bram.bakker@jeugdhulp.example',
			organisation: 'Jeugdhulp'
		});
		const orgAdmin = await insertActor(t.ctx(), {
			name: 'Wim Beheer',
			role: 'admin',
			organisation: 'Gemeente'
		});

		expect(await listMemberCandidates(t.ctx(anna), id)).toEqual([
			{ id: otherBram.id, name: 'Bram Bakker', organisationName: 'Jeugdhulp' },
			{ id: bram.id, name: 'Bram Bakker', organisationName: 'Schuldhulp' },
			{ id: orgAdmin.id, name: 'Wim Beheer', organisationName: 'Gemeente' }
		]);
	});

	it('lets only owners manage members', async () => {
		const { anna, bram, id } = await setUp();
		const cor = await insertActor(t.ctx(), { name: 'Cor Corporatie' });
		await addMember(t.ctx(anna), id, { userId: bram.id, role: 'facilitator' });
		await expect(
			addMember(t.ctx(bram), id, { userId: cor.id, role: 'owner' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(changeMemberRole(t.ctx(bram), id, bram.id, 'owner')).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(removeMember(t.ctx(bram), id, anna.id)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(removeMember(t.ctx(cor), id, anna.id)).rejects.toMatchObject({
			code: 'not_found'
		});
		expect((await listMembers(t.ctx(anna), id)).map((m) => m.role)).toEqual([
			'owner',
			'facilitator'
		]);
	});
});
