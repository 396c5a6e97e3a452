import { eq } from 'drizzle-orm';
import { accessEnded } from '$lib/protocol/access';
import { describe, expect, it } from 'vitest';
import { createSession, endAllSessionsOf, validateSession } from '$lib/server/auth';
import { readConfig } from '$lib/server/config';
import type { Ctx } from '$lib/server/context';
import { sessions } from '$lib/server/db/schema';
import { insertActor } from '../../helpers/actors';
import { drivers, useTestDatabase } from '../../helpers/database';

const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

describe('session limits in the configuration', () => {
	it('defaults to 30 idle minutes and 10 hours at most, and reads both from the environment', () => {
		expect(readConfig({}).sessionLimits).toEqual({ idleMs: minutes(30), maxMs: hours(10) });
		expect(
			readConfig({ SESSION_IDLE_MINUTES: '15', SESSION_MAX_HOURS: '8' }).sessionLimits
		).toEqual({ idleMs: minutes(15), maxMs: hours(8) });
		expect(() => readConfig({ SESSION_IDLE_MINUTES: 'soon' })).toThrow(/SESSION_IDLE_MINUTES/);
	});
});

describe.each(drivers)('session lifetimes on %s', (driver) => {
	const t = useTestDatabase(driver);

	/** A context whose clock the test moves. */
	function clocked(start = new Date('2026-03-02T08:00:00Z')) {
		let now = start.getTime();
		const ctx: Ctx = { ...t.ctx(), clock: () => new Date(now) };
		return { ctx, advance: (ms: number) => (now += ms) };
	}

	async function signIn(ctx: Ctx) {
		const actor = await insertActor(ctx, { name: 'Bram Bakker', organisation: 'Gemeente' });
		return { actor, ...(await createSession(ctx, actor.id)) };
	}

	/** When the file's one session was last recorded as active. */
	async function lastSeen() {
		const [row] = await t.database.db.select().from(sessions);
		return row.lastSeenAt.getTime();
	}

	it('ends a session after 30 minutes without a request', async () => {
		const { ctx, advance } = clocked();
		const { token } = await signIn(ctx);
		advance(minutes(29));
		expect(await validateSession(ctx, token)).not.toBeNull();
		advance(minutes(29)); // 29 minutes after the last request: still on
		expect(await validateSession(ctx, token)).not.toBeNull();
		advance(minutes(31));
		expect(await validateSession(ctx, token)).toBeNull();
	});

	it('ends a session 10 hours after login however active it is', async () => {
		const { ctx, advance } = clocked();
		const { token, expiresAt } = await signIn(ctx);
		expect(expiresAt.getTime() - ctx.clock().getTime()).toBe(hours(10));
		for (let elapsed = 0; elapsed < hours(10) - minutes(20); elapsed += minutes(20)) {
			advance(minutes(20));
			expect(await validateSession(ctx, token)).not.toBeNull();
		}
		advance(minutes(20));
		expect(await validateSession(ctx, token)).toBeNull();
	});

	it('looks without extending when asked not to touch', async () => {
		const { ctx, advance } = clocked();
		const { token } = await signIn(ctx);
		const seen = await lastSeen();
		advance(minutes(20));
		expect((await validateSession(ctx, token, { touch: false }))?.actor.name).toBe('Bram Bakker');
		expect(await lastSeen()).toBe(seen);
		advance(minutes(11)); // 31 minutes since the last real request
		expect(await validateSession(ctx, token, { touch: false })).toBeNull();
		expect(await validateSession(ctx, token)).toBeNull();
	});

	it('records activity at most once a minute', async () => {
		const { ctx, advance } = clocked();
		const { token } = await signIn(ctx);
		const start = await lastSeen();
		advance(30_000);
		await validateSession(ctx, token);
		expect(await lastSeen()).toBe(start);
		advance(40_000);
		const validated = await validateSession(ctx, token);
		expect(await lastSeen()).toBe(start + 70_000);
		expect(validated?.idleExpiresAt.getTime()).toBe(start + 70_000 + minutes(30));
	});

	it('follows the limits the context carries', async () => {
		const { ctx: base, advance } = clocked();
		const ctx: Ctx = { ...base, sessionLimits: { idleMs: minutes(5), maxMs: hours(1) } };
		const { token, expiresAt } = await signIn(ctx);
		expect(expiresAt.getTime() - ctx.clock().getTime()).toBe(hours(1));
		advance(minutes(6));
		expect(await validateSession(ctx, token)).toBeNull();
	});

	it("ends an account's other sessions and keeps the one named", async () => {
		const { ctx } = clocked();
		const { actor, token: mine } = await signIn(ctx);
		const other = await createSession(ctx, actor.id);
		const someoneElse = await insertActor(ctx, { name: 'Cato' });
		const theirs = await createSession(ctx, someoneElse.id);

		await endAllSessionsOf(ctx, actor.id, { reason: accessEnded.passwordChanged, except: mine });

		expect(await validateSession(ctx, mine)).not.toBeNull();
		expect(await validateSession(ctx, other.token)).toBeNull();
		expect(await validateSession(ctx, theirs.token)).not.toBeNull();
		const left = await t.database.db.select().from(sessions).where(eq(sessions.userId, actor.id));
		expect(left).toHaveLength(1);
	});
});
