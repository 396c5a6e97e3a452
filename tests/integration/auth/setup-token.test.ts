import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '$lib/server/audit';
import { countPasswordDerivations, createFirstAdmin, needsSetup } from '$lib/server/auth';
import { readConfig } from '$lib/server/config';
import { setupSchema } from '$lib/schemas/auth';
import { drivers, useTestDatabase } from '../../helpers/database';

const token = 'a-long-random-setup-token-4f2a9c';
const admin = { name: 'Ada Admin', email: 'ada@example.org', password: 'correct horse battery' };

describe('SETUP_TOKEN in the configuration', () => {
	it('is optional and, when set, long enough to be hard to guess', () => {
		expect(readConfig({}).setupToken).toBeUndefined();
		expect(readConfig({ SETUP_TOKEN: token }).setupToken).toBe(token);
		expect(() => readConfig({ SETUP_TOKEN: 'short' })).toThrow(/SETUP_TOKEN/);
	});
});

describe.each(drivers)('first-run setup with a setup token on %s', (driver) => {
	const t = useTestDatabase(driver);

	it('refuses setup without the right token, before hashing anything', async () => {
		const before = countPasswordDerivations();
		for (const setupToken of [undefined, 'a-wrong-token-of-some-length']) {
			await expect(
				createFirstAdmin(t.ctx(), { ...admin, setupToken }, { requiredToken: token })
			).rejects.toMatchObject({ code: 'invalid', field: 'setupToken' });
		}
		expect(countPasswordDerivations()).toBe(before);
		expect(await needsSetup(t.ctx())).toBe(true);
		const denied = await listAuditEvents(t.ctx(), { action: 'setup.first_admin' });
		expect(denied.map((e) => e.outcome)).toEqual(['denied', 'denied']);
	});

	it('creates the first administrator with the right token', async () => {
		const form = setupSchema.parse({
			...admin,
			passwordConfirm: admin.password,
			setupToken: token
		});
		await createFirstAdmin(t.ctx(), form, { requiredToken: token });
		expect(await needsSetup(t.ctx())).toBe(false);
	});

	it('needs no token when the deployment sets none; a blank field counts as none', async () => {
		const form = setupSchema.parse({ ...admin, passwordConfirm: admin.password, setupToken: '' });
		expect(form.setupToken).toBeUndefined();
		await createFirstAdmin(t.ctx(), form);
		expect(await needsSetup(t.ctx())).toBe(false);
	});
});
