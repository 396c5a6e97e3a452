import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
	countPasswordDerivations,
	createFirstAdmin,
	createLoginLimiter,
	hashPassword,
	login,
	passwordHashCost,
	passwordHashingLoad,
	verifyPassword
} from '$lib/server/auth';
import { users } from '$lib/server/db/schema';
import { drivers, useTestDatabase } from '../../helpers/database';

const email = 'ada@example.org';
const password = 'correct horse battery';

describe.each(drivers)('login limits and password hashing on %s', (driver) => {
	const t = useTestDatabase(driver);

	const setUpAdmin = () => createFirstAdmin(t.ctx(), { name: 'Ada Admin', email, password });

	it('refuses a burst of 200 parallel wrong passwords after five, before checking them', async () => {
		await setUpAdmin();
		const limiter = createLoginLimiter();
		const derivationsBefore = countPasswordDerivations();

		const outcomes = await Promise.allSettled(
			Array.from({ length: 200 }, (_, i) =>
				login(t.ctx(), limiter, { email, password: `wrong guess ${i}` })
			)
		);

		const codes = outcomes.map((o) => (o.status === 'rejected' ? o.reason.code : 'success'));
		expect(codes.filter((c) => c === 'invalid').length).toBeLessThanOrEqual(5);
		expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(195);
		expect(codes).not.toContain('success');
		expect(countPasswordDerivations() - derivationsBefore).toBeLessThanOrEqual(5);

		// While limited, not even the right password gets in.
		await expect(login(t.ctx(), limiter, { email, password })).rejects.toMatchObject({
			code: 'rate_limited'
		});
	});

	it('gives the attempt back when the password was right', async () => {
		await setUpAdmin();
		const limiter = createLoginLimiter();
		const address = t.ctx().address!;
		for (let i = 0; i < 2; i++) {
			await expect(login(t.ctx(), limiter, { email, password: 'wrong' })).rejects.toMatchObject({
				code: 'invalid'
			});
		}
		expect((await limiter.perAccount.get(email))?.consumedPoints).toBe(2);
		expect((await limiter.perAddress.get(address))?.consumedPoints).toBe(2);

		await login(t.ctx(), limiter, { email, password });

		// The account's failures are forgiven; the address keeps its failures, not the success.
		expect(await limiter.perAccount.get(email)).toBeNull();
		expect((await limiter.perAddress.get(address))?.consumedPoints).toBe(2);
	});

	it('hashes at the OWASP minimum for scrypt and stores the parameters with the hash', async () => {
		const hash = await hashPassword(password);
		expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(passwordHashCost).toEqual({ N: 2 ** 17, r: 8, p: 1 });
		expect(await verifyPassword(password, hash)).toBe(true);
		expect(await verifyPassword('another password', hash)).toBe(false);
	});

	it('upgrades a weaker stored hash at the next successful login', async () => {
		const { id } = await setUpAdmin();
		const weak = await hashPassword(password, { N: 2 ** 14, r: 8, p: 1 });
		await t.database.db.update(users).set({ passwordHash: weak }).where(eq(users.id, id));

		await login(t.ctx(), createLoginLimiter(), { email, password });

		const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
		expect(row.passwordHash).not.toBe(weak);
		expect(row.passwordHash?.startsWith('scrypt$131072$8$1$')).toBe(true);
		await login(t.ctx(), createLoginLimiter(), { email, password });
	});

	it('refuses setup without hashing anything once an administrator exists', async () => {
		await setUpAdmin();
		const before = countPasswordDerivations();
		await expect(
			createFirstAdmin(t.ctx(), { name: 'Eve', email: 'eve@example.org', password: 'x'.repeat(12) })
		).rejects.toMatchObject({ code: 'conflict' });
		expect(countPasswordDerivations()).toBe(before);
	});
});

describe('password hashing under load', () => {
	const cheap = { N: 2 ** 10, r: 8, p: 1 };

	it('runs at most two hashes at once; the rest wait their turn', async () => {
		const hashes = Array.from({ length: 6 }, () => hashPassword('a password', cheap));
		expect(passwordHashingLoad()).toEqual({ running: 2, waiting: 4 });
		expect(await Promise.all(hashes)).toHaveLength(6);
		expect(passwordHashingLoad()).toEqual({ running: 0, waiting: 0 });
	});

	it('refuses a hash as "try later" when the line is full', async () => {
		const hashes = Array.from({ length: 66 }, () => hashPassword('a password', cheap));
		await expect(hashPassword('one too many', cheap)).rejects.toMatchObject({
			code: 'rate_limited'
		});
		await Promise.all(hashes);
	});
});

describe('logins while hashing is busy', () => {
	const t = useTestDatabase('pglite');

	it('refuses as "try later" while the line is full, and works again once it has drained', async () => {
		const unknown = { email: 'nobody@example.org', password: 'any password at all' };
		const busy = Array.from({ length: 66 }, () =>
			hashPassword('a password', { N: 2 ** 10, r: 8, p: 1 })
		);
		await expect(login(t.ctx(), createLoginLimiter(), unknown)).rejects.toMatchObject({
			code: 'rate_limited'
		});
		await Promise.all(busy);
		await expect(login(t.ctx(), createLoginLimiter(), unknown)).rejects.toMatchObject({
			code: 'invalid'
		});
	});
});
