import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	createAccount,
	createLoginLimiter,
	createSession,
	getAccount,
	listAccounts,
	login,
	setAccountActive,
	updateAccount,
	validateSession
} from '$lib/server/auth';
import { createOrganisation } from '$lib/server/organisations';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('account administration on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUp() {
		const admin = await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' });
		const member = await insertActor(t.ctx(), {
			name: 'Bram Bakker',
			email: 'bram@example.org',
			organisation: 'Gemeente Lelystad'
		});
		const { id: ggz } = await createOrganisation(t.ctx(admin), {
			name: 'GGZ Centraal',
			kind: 'ggz'
		});
		return { admin, member, ggz };
	}

	it('changes name, email, organisation and role, and records it', async () => {
		const { admin, member, ggz } = await setUp();
		await updateAccount(t.ctx(admin), member.id, {
			name: 'Bram de Bakker',
			email: 'b.bakker@example.org',
			organisationId: ggz,
			role: 'admin'
		});
		expect(await getAccount(t.ctx(admin), member.id)).toMatchObject({
			name: 'Bram de Bakker',
			email: 'b.bakker@example.org',
			organisationId: ggz,
			organisationName: 'GGZ Centraal',
			role: 'admin',
			active: true
		});
		const [event] = await listAuditEvents(t.ctx(), { action: 'account.update' });
		expect(event).toMatchObject({
			actorId: admin.id,
			outcome: 'success',
			detail: {
				userId: member.id,
				changed: ['name', 'email', 'organisationId', 'role'],
				role: { from: 'member', to: 'admin' },
				organisationId: { from: member.organisationId, to: ggz }
			}
		});
	});

	it('takes a new role into effect on the next request of a signed-in account', async () => {
		const { admin, member } = await setUp();
		const session = await createSession(t.ctx(), member.id);
		await updateAccount(t.ctx(admin), member.id, {
			name: member.name,
			email: member.email,
			organisationId: member.organisationId,
			role: 'admin'
		});
		expect((await validateSession(t.ctx(), session.token))?.actor.role).toBe('admin');
	});

	it('refuses an email address another account has', async () => {
		const { admin, member } = await setUp();
		await expect(
			updateAccount(t.ctx(admin), member.id, {
				name: member.name,
				email: admin.email,
				organisationId: member.organisationId,
				role: 'member'
			})
		).rejects.toMatchObject({ code: 'conflict', field: 'email', message: 'error_email_taken' });
		expect((await getAccount(t.ctx(admin), member.id)).email).toBe('bram@example.org');
	});

	it('refuses an organisation that does not exist', async () => {
		const { admin, member } = await setUp();
		await expect(
			updateAccount(t.ctx(admin), member.id, {
				name: member.name,
				email: member.email,
				organisationId: '00000000-0000-4000-8000-000000000000',
				role: 'member'
			})
		).rejects.toMatchObject({ code: 'conflict', field: 'organisationId' });
	});

	it('does not let an administrator demote or deactivate themselves', async () => {
		const { admin } = await setUp();
		await expect(
			updateAccount(t.ctx(admin), admin.id, {
				name: admin.name,
				email: admin.email,
				organisationId: null,
				role: 'member'
			})
		).rejects.toMatchObject({
			code: 'conflict',
			field: 'role',
			message: 'account_error_demote_self'
		});
		await expect(setAccountActive(t.ctx(admin), admin.id, false)).rejects.toMatchObject({
			code: 'conflict',
			message: 'error_deactivate_self'
		});
		expect(await getAccount(t.ctx(admin), admin.id)).toMatchObject({ role: 'admin', active: true });

		// Renaming oneself is fine.
		await updateAccount(t.ctx(admin), admin.id, {
			name: 'Ada A. Admin',
			email: admin.email,
			organisationId: null,
			role: 'admin'
		});
		expect((await getAccount(t.ctx(admin), admin.id)).name).toBe('Ada A. Admin');
	});

	it('lets another administrator be demoted and deactivated', async () => {
		const { admin } = await setUp();
		const other = await insertActor(t.ctx(), { name: 'Otto Other', role: 'admin' });
		await updateAccount(t.ctx(admin), other.id, {
			name: other.name,
			email: other.email,
			organisationId: null,
			role: 'member'
		});
		await setAccountActive(t.ctx(admin), other.id, false);
		expect(await getAccount(t.ctx(admin), other.id)).toMatchObject({
			role: 'member',
			active: false
		});
		const actions = (await listAuditEvents(t.ctx(), { action: 'account' })).map((e) => e.action);
		expect(actions).toEqual(['account.deactivate', 'account.update']);
	});

	it('refuses professionals', async () => {
		const { admin, member } = await setUp();
		const self = { name: member.name, email: member.email, organisationId: member.organisationId };
		await expect(
			updateAccount(t.ctx(member), member.id, { ...self, role: 'admin' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(getAccount(t.ctx(member), admin.id)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(listAccounts(t.ctx(member))).rejects.toMatchObject({ code: 'forbidden' });
		expect((await getAccount(t.ctx(admin), member.id)).role).toBe('member');
	});

	it('answers not found for an unknown or malformed account id', async () => {
		const { admin } = await setUp();
		for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
			await expect(getAccount(t.ctx(admin), id)).rejects.toMatchObject({ code: 'not_found' });
			await expect(setAccountActive(t.ctx(admin), id, true)).rejects.toMatchObject({
				code: 'not_found'
			});
		}
	});

	it('keeps a deactivated account out until it is reactivated', async () => {
		const { admin, ggz } = await setUp();
		const { id } = await createAccount(t.ctx(admin), {
			name: 'Cor Coach',
			email: 'cor@example.org',
			organisationId: ggz,
			role: 'member',
			password: 'cor has a long password'
		});
		const credentials = { email: 'cor@example.org', password: 'cor has a long password' };
		await setAccountActive(t.ctx(admin), id, false);
		await expect(login(t.ctx(), createLoginLimiter(), credentials)).rejects.toMatchObject({
			code: 'invalid'
		});
		await setAccountActive(t.ctx(admin), id, true);
		await expect(login(t.ctx(), createLoginLimiter(), credentials)).resolves.toHaveProperty(
			'token'
		);
	});
});
