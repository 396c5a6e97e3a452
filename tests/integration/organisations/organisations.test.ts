import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	createOrganisation,
	getOrganisation,
	listOrganisations,
	updateOrganisation
} from '$lib/server/organisations';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('organisations on %s', (driver) => {
	const t = useTestDatabase(driver);

	const setUp = async () => ({
		admin: await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' }),
		member: await insertActor(t.ctx(), { name: 'Mo Member', organisation: 'Gemeente Lelystad' })
	});

	it('lets an administrator add organisations, listed by name with their accounts', async () => {
		const { admin } = await setUp();
		const { id: ggz } = await createOrganisation(t.ctx(admin), {
			name: 'GGZ Centraal',
			kind: 'ggz'
		});
		await createOrganisation(t.ctx(admin), { name: 'De Schuldhulp', kind: 'schuldhulp' });

		const listed = await listOrganisations(t.ctx(admin));
		expect(listed.map((o) => [o.name, o.kind, o.accountCount])).toEqual([
			['De Schuldhulp', 'schuldhulp', 0],
			['Gemeente Lelystad', 'gemeente', 1],
			['GGZ Centraal', 'ggz', 0]
		]);
		expect(await getOrganisation(t.ctx(admin), ggz)).toMatchObject({ name: 'GGZ Centraal' });
	});

	it('refuses a name that is already taken, also in other letter case', async () => {
		const { admin } = await setUp();
		const { id } = await createOrganisation(t.ctx(admin), { name: 'GGZ Centraal', kind: 'ggz' });
		for (const name of ['GGZ Centraal', 'ggz centraal', 'Gemeente Lelystad']) {
			await expect(createOrganisation(t.ctx(admin), { name, kind: 'other' })).rejects.toMatchObject(
				{
					code: 'conflict',
					field: 'name',
					message: 'org_error_name_taken'
				}
			);
		}
		await expect(
			updateOrganisation(t.ctx(admin), id, { name: 'Gemeente Lelystad', kind: 'ggz' })
		).rejects.toMatchObject({ code: 'conflict', field: 'name' });
		expect(await listOrganisations(t.ctx(admin))).toHaveLength(2);
	});

	it('renames an organisation and changes its kind, and records what changed', async () => {
		const { admin } = await setUp();
		const { id } = await createOrganisation(t.ctx(admin), { name: 'GGZ Centrum', kind: 'other' });
		await updateOrganisation(t.ctx(admin), id, { name: 'GGZ Centraal', kind: 'ggz' });
		// A change of letter case only is a rename of the same organisation, not a clash.
		await updateOrganisation(t.ctx(admin), id, { name: 'GGZ centraal', kind: 'ggz' });

		expect(await getOrganisation(t.ctx(admin), id)).toMatchObject({
			name: 'GGZ centraal',
			kind: 'ggz'
		});
		const events = await listAuditEvents(t.ctx(), { action: 'organisation' });
		expect(events.map((e) => e.action)).toEqual([
			'organisation.update',
			'organisation.update',
			'organisation.create'
		]);
		expect(events[1]).toMatchObject({
			actorId: admin.id,
			actorName: 'Ada Admin',
			actorRole: 'admin',
			outcome: 'success',
			address: '203.0.113.7',
			detail: {
				organisationId: id,
				changes: {
					name: { from: 'GGZ Centrum', to: 'GGZ Centraal' },
					kind: { from: 'other', to: 'ggz' }
				}
			}
		});
		expect(events[2].detail).toMatchObject({ organisationId: id, name: 'GGZ Centrum' });
	});

	it('refuses professionals and anonymous callers', async () => {
		const { admin, member } = await setUp();
		const { id } = await createOrganisation(t.ctx(admin), { name: 'UWV', kind: 'uwv' });

		await expect(
			createOrganisation(t.ctx(member), { name: 'Eigen club', kind: 'other' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(
			updateOrganisation(t.ctx(member), id, { name: 'Hacked', kind: 'other' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(getOrganisation(t.ctx(member), id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listOrganisations(t.ctx(null))).rejects.toMatchObject({ code: 'forbidden' });

		expect((await getOrganisation(t.ctx(admin), id)).name).toBe('UWV');
		const events = await listAuditEvents(t.ctx(), { action: 'organisation' });
		expect(events).toHaveLength(1);
	});

	it('answers not found for an unknown or malformed id', async () => {
		const { admin } = await setUp();
		for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
			await expect(getOrganisation(t.ctx(admin), id)).rejects.toMatchObject({
				code: 'not_found'
			});
			await expect(
				updateOrganisation(t.ctx(admin), id, { name: 'X', kind: 'other' })
			).rejects.toMatchObject({ code: 'not_found' });
		}
	});
});
