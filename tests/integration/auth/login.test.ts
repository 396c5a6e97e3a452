import { describe, expect, it } from 'vitest';
import {
	createAccount,
	createFirstAdmin,
	createLoginLimiter,
	login,
	needsSetup,
	setAccountActive,
	validateSession
} from '$lib/server/auth';
import { listAuditEvents } from '$lib/server/audit';
import { organisations } from '$lib/server/db/schema';
import { drivers, useTestDatabase } from '../../helpers/database';

describe.each(drivers)('accounts and sessions on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUpAdmin() {
		const { id } = await createFirstAdmin(t.ctx(), {
			name: 'Ada Admin',
			email: 'ada@example.org',
			password: 'correct horse battery'
		});
		const session = await login(t.ctx(), createLoginLimiter(), {
			email: 'ada@example.org',
			password: 'correct horse battery'
		});
		const validated = await validateSession(t.ctx(), session.token);
		return { id, token: session.token, actor: validated!.actor };
	}

	it('creates the first administrator once and then refuses setup', async () => {
		expect(await needsSetup(t.ctx())).toBe(true);
		const { actor } = await setUpAdmin();
		expect(actor.role).toBe('admin');
		expect(await needsSetup(t.ctx())).toBe(false);
		await expect(
			createFirstAdmin(t.ctx(), {
				name: 'Eve',
				email: 'eve@example.org',
				password: 'another long one'
			})
		).rejects.toMatchObject({ code: 'conflict' });
	});

	it('refuses a wrong password and locks the account after five failures', async () => {
		await setUpAdmin();
		const limiter = createLoginLimiter();
		for (let i = 0; i < 5; i++) {
			await expect(
				login(t.ctx(), limiter, { email: 'ada@example.org', password: 'wrong' })
			).rejects.toMatchObject({ code: 'invalid' });
		}
		await expect(
			login(t.ctx(), limiter, { email: 'ada@example.org', password: 'correct horse battery' })
		).rejects.toMatchObject({ code: 'rate_limited' });
		const denied = await listAuditEvents(t.ctx(), {});
		expect(denied.filter((e) => e.action === 'auth.login' && e.outcome === 'denied')).toHaveLength(
			6
		);
	});

	it('stores only a hash of the session token', async () => {
		const { token } = await setUpAdmin();
		const rows = await t.database.db.query.sessions.findMany();
		expect(rows).toHaveLength(1);
		expect(rows[0].tokenHash).not.toContain(token);
		expect(await validateSession(t.ctx(), 'not-a-token')).toBeNull();
	});

	it('ends every session of an account when it is deactivated', async () => {
		const admin = await setUpAdmin();
		const [organisation] = await t.database.db
			.insert(organisations)
			.values({ name: 'Gemeente Lelystad', kind: 'gemeente' })
			.returning();
		const { id } = await createAccount(t.ctx(admin.actor), {
			name: 'Bram Bakker',
			email: 'bram@example.org',
			organisationId: organisation.id,
			role: 'member',
			password: 'bram has a long password'
		});
		const bram = await login(t.ctx(), createLoginLimiter(), {
			email: 'bram@example.org',
			password: 'bram has a long password'
		});
		expect(await validateSession(t.ctx(), bram.token)).not.toBeNull();

		await setAccountActive(t.ctx(admin.actor), id, false);
		expect(await validateSession(t.ctx(), bram.token)).toBeNull();
		await expect(
			login(t.ctx(), createLoginLimiter(), {
				email: 'bram@example.org',
				password: 'bram has a long password'
			})
		).rejects.toMatchObject({ code: 'invalid' });
	});

	it('lets only administrators manage accounts', async () => {
		const admin = await setUpAdmin();
		await setAccountActive(t.ctx(admin.actor), admin.id, true);
		const member = { ...admin.actor, role: 'member' as const };
		await expect(setAccountActive(t.ctx(member), admin.id, false)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});
});
