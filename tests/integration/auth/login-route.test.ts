import { isRedirect, type Cookies } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	createFirstAdmin,
	createLoginLimiter,
	createSession,
	validateSession
} from '$lib/server/auth';
import type { Ctx } from '$lib/server/context';
import { sessionCookieName } from '$lib/server/session-cookie';
import { actions as languageActions } from '../../../src/routes/language/+page.server';
import { actions as loginActions } from '../../../src/routes/(public)/login/+page.server';
import { drivers, useTestDatabase } from '../../helpers/database';

const origin = 'http://localhost:3000';

/** Just enough of SvelteKit's cookies for the actions: a jar. */
function cookieJar(initial: Record<string, string> = {}) {
	const jar = new Map(Object.entries(initial));
	const cookies = {
		get: (name: string) => jar.get(name),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name)
	};
	return { jar, cookies: cookies as unknown as Cookies };
}

function formPost(url: string, fields: Record<string, string>) {
	return new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
}

/** Runs an action and returns where it redirected to (it must redirect). */
async function redirectOf(run: () => unknown): Promise<string> {
	try {
		await run();
	} catch (thrown) {
		if (isRedirect(thrown)) return thrown.location;
		throw thrown;
	}
	throw new Error('the action did not redirect');
}

type ActionEvent = Parameters<(typeof loginActions)['default']>[0];

describe('the language switch sends only to paths on this site', () => {
	it.each([
		['/cases?page=2', '/cases?page=2'],
		['/\\evil.example', '/'],
		['//evil.example', '/'],
		['/%2F%2Fevil.example', '/'],
		['https://evil.example', '/'],
		['/\t/evil.example', '/']
	])('returnTo %j goes to %j', async (returnTo, expected) => {
		const { cookies } = cookieJar();
		const event = {
			request: formPost(`${origin}/language`, { locale: 'en', returnTo }),
			cookies
		} as unknown as Parameters<(typeof languageActions)['default']>[0];
		expect(await redirectOf(() => languageActions.default(event))).toBe(expected);
	});
});

describe.each(drivers)('the login action on %s', (driver) => {
	const t = useTestDatabase(driver);
	const email = 'ada@example.org';
	const password = 'correct horse battery';

	function loginEvent(ctx: Ctx, returnTo: string | null, cookies: Cookies): ActionEvent {
		const url = new URL(`${origin}/login`);
		if (returnTo !== null) url.searchParams.set('returnTo', returnTo);
		return {
			request: formPost(url.href, { email, password }),
			url,
			cookies,
			locals: {
				ctx: { ...ctx, services: { ...ctx.services, loginLimiter: createLoginLimiter() } },
				actor: null
			}
		} as unknown as ActionEvent;
	}

	it('follows a path on this site and refuses other targets', async () => {
		await createFirstAdmin(t.ctx(), { name: 'Ada Admin', email, password });
		const go = (returnTo: string | null) =>
			redirectOf(() => loginActions.default(loginEvent(t.ctx(), returnTo, cookieJar().cookies)));
		expect(await go('/cases/abc/plan')).toBe('/cases/abc/plan');
		expect(await go(null)).toBe('/cases');
		expect(await go('/\\evil.example')).toBe('/');
		expect(await go('/%5Cevil.example')).toBe('/');
		expect(await go('javascript:alert(1)')).toBe('/');
	});

	it('issues a new session token and ends the one the browser had before', async () => {
		const { id } = await createFirstAdmin(t.ctx(), { name: 'Ada Admin', email, password });
		const before = await createSession(t.ctx(), id);
		const { jar, cookies } = cookieJar({ [sessionCookieName]: before.token });

		await redirectOf(() => loginActions.default(loginEvent(t.ctx(), null, cookies)));

		const after = jar.get(sessionCookieName);
		expect(after).toBeTruthy();
		expect(after).not.toBe(before.token);
		expect(await validateSession(t.ctx(), after!)).not.toBeNull();
		expect(await validateSession(t.ctx(), before.token)).toBeNull();
	});
});
