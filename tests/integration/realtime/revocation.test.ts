import { isRedirect } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accessEnded } from '$lib/protocol/access';
import { caseDocument, closeCode } from '$lib/protocol/collab';
import { listAuditEvents } from '$lib/server/audit';
import { addMember, changeMemberRole, removeMember } from '$lib/server/cases';
import type { Actor, Ctx } from '$lib/server/context';
import { caseMembers, cases, sessions } from '$lib/server/db/schema';
import { sessionCookieName } from '$lib/server/session-cookie';
import { actions as caseActions } from '../../../src/routes/(app)/cases/[caseId]/+page.server';
import { actions as deactivateActions } from '../../../src/routes/(app)/admin/accounts/[accountId]/deactivate/+page.server';
import { actions as logoutActions } from '../../../src/routes/logout/+page.server';
import { DELETE as deleteApiSession } from '../../../src/routes/api/session/+server';
import { insertActor } from '../../helpers/actors';
import { insertCase } from '../../helpers/cases';
import { drivers, useTestDatabase } from '../../helpers/database';
import {
	useRealtimeServer,
	waitFor,
	waitForSync,
	type Client,
	type RealtimeServer
} from '../../helpers/realtime';

type Closed = { code: number; reason: string };

function closedOf(client: Client): Promise<Closed> {
	return new Promise((resolve) =>
		client.provider.on('connection-close', (event) => {
			if (event) resolve({ code: event.code, reason: event.reason });
		})
	);
}

/** Resolves with the close when it comes within `ms`, else with null. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
	return Promise.race([promise, new Promise<null>((resolve) => setTimeout(resolve, ms, null))]);
}

/** Calls a SvelteKit action or endpoint the way the framework does, with the app's own ctx. */
function event(
	server: RealtimeServer,
	actor: Actor | null,
	{
		params = {},
		form = {},
		headers = {},
		cookies = {}
	}: {
		params?: Record<string, string>;
		form?: Record<string, string>;
		headers?: Record<string, string>;
		cookies?: Record<string, string>;
	} = {}
) {
	const body = new FormData();
	for (const [name, value] of Object.entries(form)) body.set(name, value);
	const ctx: Ctx = server.app.createCtx({ actor, address: '203.0.113.9' });
	return {
		request: new Request('http://localhost/', { method: 'POST', body, headers }),
		locals: { actor, ctx },
		params,
		cookies: {
			get: (name: string) => cookies[name],
			delete: () => {},
			set: () => {}
		}
	} as never;
}

/** Runs an action that may end in a redirect, as SvelteKit would follow it. */
async function settle<T>(work: T | Promise<T>): Promise<T | undefined> {
	try {
		return await work;
	} catch (error) {
		if (isRedirect(error)) return undefined;
		throw error;
	}
}

describe.each(drivers)('ending access closes live connections at once (%s)', (driver) => {
	const t = useTestDatabase(driver);

	/** When the user's session was last seen, once it is later than `after` (or after 5 s). */
	async function lastSeenOf(userId: string, { after }: { after: Date }): Promise<number> {
		const deadline = Date.now() + 5000;
		for (;;) {
			const [row] = await t.database.db
				.select({ lastSeenAt: sessions.lastSeenAt })
				.from(sessions)
				.where(eq(sessions.userId, userId));
			if (row.lastSeenAt > after || Date.now() > deadline) return row.lastSeenAt.getTime();
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	const realtime = useRealtimeServer(t);

	async function setUp(accessCheckMs = 200) {
		const server = await realtime.start({ accessCheckMs, activityEveryMs: 0 });
		const admin = await insertActor(t.ctx(), { name: 'Ada Admin', role: 'admin' });
		const owner = await insertActor(t.ctx(), { name: 'Olga Owner', organisation: 'Gemeente' });
		const member = await insertActor(t.ctx(), { name: 'Piet Deelnemer', organisation: 'UWV' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'participant' }
		]);
		const ownerClient = await realtime.connect(caseId, owner);
		const token = await server.tokenFor(member);
		const memberClient = await realtime.connect(caseId, member, { token });
		await Promise.all([waitForSync(ownerClient), waitForSync(memberClient)]);
		return { server, admin, owner, member, caseId, token, ownerClient, memberClient };
	}

	it("removing a member through the page's action, with the case id in upper case, closes their connection", async () => {
		const { server, owner, member, caseId, memberClient, ownerClient } = await setUp();
		const closed = closedOf(memberClient);
		await caseActions.removeMember(
			event(server, owner, {
				params: { caseId: caseId.toUpperCase() },
				form: { userId: member.id }
			})
		);
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.membershipEnded
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(memberClient.provider.wsconnected).toBe(false);
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it('changing a role through the page closes that member connection, with the reason to reload', async () => {
		const { server, owner, member, caseId, memberClient, ownerClient } = await setUp();
		const closed = closedOf(memberClient);
		await caseActions.changeRole(
			event(server, owner, {
				params: { caseId: caseId.toUpperCase() },
				form: { userId: member.id.toUpperCase(), role: 'observer' }
			})
		);
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.roleChanged
		});
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it('deleting the case closes every connection to it', async () => {
		const { server, owner, caseId, memberClient, ownerClient } = await setUp();
		const [stored] = await t.database.db
			.select({ code: cases.code })
			.from(cases)
			.where(eq(cases.id, caseId));
		const closedMember = closedOf(memberClient);
		const closedOwner = closedOf(ownerClient);
		await settle(
			caseActions.delete(
				event(server, owner, { params: { caseId }, form: { confirmCode: stored.code } })
			)
		);
		const expected = { code: closeCode.forbidden, reason: accessEnded.caseDeleted };
		expect(await within(closedMember, 1000)).toEqual(expected);
		expect(await within(closedOwner, 1000)).toEqual(expected);
	});

	it('deactivating an account closes its connections', async () => {
		const { server, admin, member, memberClient, ownerClient } = await setUp();
		const closed = closedOf(memberClient);
		await settle(
			deactivateActions.default(event(server, admin, { params: { accountId: member.id } }))
		);
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.unauthenticated,
			reason: accessEnded.accountDeactivated
		});
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it("logging out closes that session's connections, not the person's other sessions", async () => {
		const { server, caseId, member, token, memberClient } = await setUp();
		const otherSession = await realtime.connect(caseId, member);
		await waitForSync(otherSession);
		const closed = closedOf(memberClient);
		await settle(
			logoutActions.default(event(server, member, { cookies: { [sessionCookieName]: token } }))
		);
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.unauthenticated,
			reason: accessEnded.loggedOut
		});
		expect(otherSession.provider.wsconnected).toBe(true);
	});

	it('DELETE /api/session closes the connections and audits the logout', async () => {
		const { server, member, token, memberClient } = await setUp();
		const closed = closedOf(memberClient);
		const response = await deleteApiSession(
			event(server, null, { headers: { authorization: `Bearer ${token}` } })
		);
		expect(response.status).toBe(204);
		expect(await within(closed, 1000)).toMatchObject({ code: closeCode.unauthenticated });
		const logouts = await listAuditEvents(t.ctx(), { action: 'auth.logout' });
		expect(logouts).toHaveLength(1);
		expect(logouts[0]).toMatchObject({ actorId: member.id, outcome: 'success' });
	});

	it('an expired session is closed by the watch, which does not extend the session', async () => {
		const { member, memberClient, ownerClient } = await setUp();
		const closed = closedOf(memberClient);
		await t.database.db
			.update(sessions)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(sessions.userId, member.id));
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.unauthenticated,
			reason: accessEnded.sessionExpired
		});
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it('the watch looks at sessions without extending them', async () => {
		const { owner, ownerClient } = await setUp();
		// Seen five minutes ago: a check that counted as activity would write "now".
		const lastSeenAt = new Date(Date.now() - 5 * 60 * 1000);
		await t.database.db.update(sessions).set({ lastSeenAt }).where(eq(sessions.userId, owner.id));
		await new Promise((resolve) => setTimeout(resolve, 600)); // three periodic checks
		const [row] = await t.database.db
			.select({ lastSeenAt: sessions.lastSeenAt })
			.from(sessions)
			.where(eq(sessions.userId, owner.id));
		expect(row.lastSeenAt.getTime()).toBe(lastSeenAt.getTime());
		expect(ownerClient.provider.wsconnected).toBe(true);
	});

	it('live edits count as activity, so a session does not go idle under someone who only works live', async () => {
		const { member, memberClient } = await setUp();
		const lastSeenAt = new Date(Date.now() - 5 * 60 * 1000);
		await t.database.db.update(sessions).set({ lastSeenAt }).where(eq(sessions.userId, member.id));
		memberClient.doc.getText(caseDocument.breakthroughText).insert(0, 'Een eigen woning');
		expect(await lastSeenOf(member.id, { after: lastSeenAt })).toBeGreaterThan(Date.now() - 60_000);
	});

	it('a membership or role changed behind the app is found by the periodic check', async () => {
		const { owner, member, memberClient, ownerClient } = await setUp();
		const closed = closedOf(memberClient);
		await t.database.db
			.update(caseMembers)
			.set({ role: 'observer' })
			.where(eq(caseMembers.userId, member.id));
		expect(await within(closed, 1000)).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.roleChanged
		});
		const ownerClosed = closedOf(ownerClient);
		await t.database.db.delete(caseMembers).where(eq(caseMembers.userId, owner.id));
		expect(await within(ownerClosed, 1000)).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.membershipEnded
		});
	});

	it('a removal landing between the authorisation of a connect and its registration closes it', async () => {
		const server = await realtime.start({ accessCheckMs: 60_000 });
		const owner = await insertActor(t.ctx(), { name: 'Olga Owner', organisation: 'Gemeente' });
		const member = await insertActor(t.ctx(), { name: 'Piet Deelnemer', organisation: 'UWV' });
		const caseId = await insertCase(t.ctx(), [
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'participant' }
		]);
		const ownerCtx = server.app.createCtx({ actor: owner });
		const documents = server.app.documents;
		const open = documents.open.bind(documents);
		// Opening the document (nobody has it open yet) comes after the upgrade was authorised
		// and before the connection is registered: remove the member right there.
		let removal: Promise<void> | undefined;
		documents.open = async (...args) => {
			removal ??= removeMember(ownerCtx, caseId, member.id);
			await removal;
			return open(...args);
		};
		const client = await realtime.connect(caseId, member);
		const closed = closedOf(client);
		expect(await within(closed, 2000)).toEqual({
			code: closeCode.forbidden,
			reason: accessEnded.membershipEnded
		});
		expect(removal).toBeDefined();
		expect(server.app.connections.list().filter((c) => c.userId === member.id)).toEqual([]);
	});

	it('a removal racing a connect never leaves the removed member connected', async () => {
		const { server, owner, member, caseId } = await setUp(60_000);
		const ownerCtx = server.app.createCtx({ actor: owner });
		for (let round = 0; round < 6; round++) {
			const client = await realtime.connect(caseId, member);
			// The removal lands at a different moment of the upgrade each round.
			await new Promise((resolve) => setTimeout(resolve, round * 3));
			await removeMember(ownerCtx, caseId, member.id);
			await new Promise((resolve) => setTimeout(resolve, 150));
			const stillThere = server.app.connections.list().filter((c) => c.userId === member.id);
			expect(stillThere).toEqual([]);
			expect(client.provider.wsconnected).toBe(false);
			client.destroy();
			await addMember(ownerCtx, caseId, { userId: member.id, role: 'participant' });
		}
		// Back as a member, they connect again.
		const again = await realtime.connect(caseId, member);
		await waitForSync(again);
		await waitFor(() => server.app.connections.list().some((c) => c.userId === member.id));
	});

	it('a capability that ends access names the canonical ids it read from the database', async () => {
		const { owner, member, caseId } = await setUp();
		await changeMemberRole(t.ctx(owner), caseId.toUpperCase(), member.id.toUpperCase(), 'observer');
		expect(t.revoked).toEqual([{ userId: member.id, caseId, reason: accessEnded.roleChanged }]);
	});
});
