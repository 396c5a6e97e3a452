import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import {
	changeOwnPassword,
	createLoginLimiter,
	createSession,
	hashPassword,
	login,
	setAccountPassword,
	validateSession
} from '$lib/server/auth';
import { users } from '$lib/server/db/schema';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const oldPassword = 'bram zijn oude wachtwoord';
const newPassword = 'bram zijn nieuwe wachtwoord';

describe.each(drivers)('changing and resetting passwords on %s', (driver) => {
	const t = useTestDatabase(driver);

	async function setUp() {
		const admin = await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' });
		const bram = await insertActor(t.ctx(), {
			name: 'Bram Bakker',
			email: 'bram@example.org',
			organisation: 'Gemeente Lelystad'
		});
		await t.database.db
			.update(users)
			.set({ passwordHash: await hashPassword(oldPassword) })
			.where(eq(users.id, bram.id));
		const here = await createSession(t.ctx(), bram.id);
		const elsewhere = await createSession(t.ctx(), bram.id);
		return { admin, bram, here: here.token, elsewhere: elsewhere.token };
	}

	const signIn = (password: string) =>
		login(t.ctx(), createLoginLimiter(), { email: 'bram@example.org', password });

	it('lets a person change their password: their session stays, their others end', async () => {
		const { bram, here, elsewhere } = await setUp();

		await changeOwnPassword(t.ctx(bram), createLoginLimiter(), here, {
			currentPassword: oldPassword,
			password: newPassword,
			passwordConfirm: newPassword
		});

		expect(await validateSession(t.ctx(), here)).not.toBeNull();
		expect(await validateSession(t.ctx(), elsewhere)).toBeNull();
		await expect(signIn(oldPassword)).rejects.toMatchObject({ code: 'invalid' });
		await signIn(newPassword);
		const [event] = await listAuditEvents(t.ctx(), { action: 'auth.password.change' });
		expect(event).toMatchObject({ actorId: bram.id, outcome: 'success' });
	});

	it('refuses a wrong current password, and stops guessing after five', async () => {
		const { bram, here, elsewhere } = await setUp();
		const limiter = createLoginLimiter();
		const attempt = (currentPassword: string) =>
			changeOwnPassword(t.ctx(bram), limiter, here, {
				currentPassword,
				password: newPassword,
				passwordConfirm: newPassword
			});

		for (let i = 0; i < 5; i++) {
			await expect(attempt(`guess ${i}`)).rejects.toMatchObject({
				code: 'invalid',
				field: 'currentPassword',
				message: 'error_current_password'
			});
		}
		await expect(attempt(oldPassword)).rejects.toMatchObject({ code: 'rate_limited' });

		expect(await validateSession(t.ctx(), elsewhere)).not.toBeNull();
		await signIn(oldPassword);
		const denied = await listAuditEvents(t.ctx(), { action: 'auth.password.change' });
		expect(denied.filter((e) => e.outcome === 'denied')).toHaveLength(6);
	});

	it('lets an administrator set a new password, which ends every session of the account', async () => {
		const { admin, bram, here, elsewhere } = await setUp();
		const adminSession = await createSession(t.ctx(), admin.id);

		await setAccountPassword(t.ctx(admin), bram.id, {
			password: newPassword,
			passwordConfirm: newPassword
		});

		expect(await validateSession(t.ctx(), here)).toBeNull();
		expect(await validateSession(t.ctx(), elsewhere)).toBeNull();
		expect(await validateSession(t.ctx(), adminSession.token)).not.toBeNull();
		await expect(signIn(oldPassword)).rejects.toMatchObject({ code: 'invalid' });
		await signIn(newPassword);
		const [event] = await listAuditEvents(t.ctx(), { action: 'auth.password.reset' });
		expect(event).toMatchObject({
			actorId: admin.id,
			outcome: 'success',
			detail: { userId: bram.id }
		});
	});

	it('lets only administrators set passwords, and not their own', async () => {
		const { admin, bram } = await setUp();
		const input = { password: newPassword, passwordConfirm: newPassword };
		await expect(setAccountPassword(t.ctx(bram), admin.id, input)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(setAccountPassword(t.ctx(admin), admin.id, input)).rejects.toMatchObject({
			code: 'conflict'
		});
		await expect(
			setAccountPassword(t.ctx(admin), '00000000-0000-4000-8000-000000000000', input)
		).rejects.toMatchObject({ code: 'not_found' });
	});
});
