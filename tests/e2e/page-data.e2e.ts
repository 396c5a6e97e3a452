import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, demoCases, demoOrganisations, demoPassword } from '$lib/server/demo/data';
import { startApp, type RunningApp } from './harness';

// What the built app hands out over HTTP to someone who may not see it: the data behind every
// page under (app), fetched directly as `__data.json`, and the headers of those responses.

const appRoutes = path.resolve(import.meta.dirname, '../../src/routes/(app)');

/** Every page under (app), as its route path with [params] (found on disk: none is forgotten). */
function pageRoutes(dir = appRoutes, route = ''): string[] {
	const entries = fs.readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.name === '+page.svelte' || e.name === '+page.server.ts');
	const below = entries
		.filter((e) => e.isDirectory())
		.flatMap((e) => pageRoutes(path.join(dir, e.name), `${route}/${e.name}`));
	return here ? [route || '/', ...below] : below;
}

type DataNode = { type: 'data' | 'error' | 'skip'; status?: number } | null;
type DataResponse =
	| { type: 'data'; nodes: DataNode[] }
	| { type: 'redirect'; location: string }
	| { type: 'error'; status?: number };

const admin = demoAccounts.find((a) => a.role === 'admin')!;
// A professional who is not an administrator, and a case they are not a member of.
const outsider = demoAccounts.find(
	(a) => a.role === 'member' && demoCases.some((c) => !c.members.some(([id]) => id === a.id))
)!;
const foreignCase = demoCases.find((c) => !c.members.some(([id]) => id === outsider.id))!;
const params: Record<string, string> = {
	caseId: foreignCase.id,
	accountId: admin.id,
	organisationId: demoOrganisations[0].id,
	versionId: '00000000-0000-4000-8000-00000000dead'
};
const urlOf = (route: string) => route.replace(/\[(\w+)\]/g, (_, name: string) => params[name]);

describe('page data behind login', () => {
	let app: RunningApp;
	let cookie: string;
	const routes = pageRoutes();

	beforeAll(async () => {
		app = await startApp({ loadDemo: true });
		cookie = await signIn(outsider.email);
	});

	afterAll(async () => {
		await app?.stop();
	});

	async function signIn(email: string): Promise<string> {
		const response = await fetch(`${app.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, password: demoPassword })
		});
		const set = response.headers.get('set-cookie');
		if (!set) throw new Error(`login as ${email} failed: ${response.status}`);
		return set.split(';')[0];
	}

	async function pageData(route: string, session?: string) {
		const url = `${app.url}${urlOf(route).replace(/\/$/, '')}/__data.json`;
		const response = await fetch(url, {
			headers: session ? { cookie: session } : {},
			redirect: 'manual'
		});
		const body = await response.text();
		return { response, body, data: JSON.parse(body) as DataResponse };
	}

	it('finds the pages to check', () => {
		expect(routes).toEqual(
			expect.arrayContaining(['/cases/[caseId]', '/admin/organisations', '/admin/audit'])
		);
		expect(routes.length).toBeGreaterThanOrEqual(13);
	});

	it('gives a professional nothing but a refusal for every admin page', async () => {
		const adminRoutes = routes.filter((route) => route.startsWith('/admin'));
		expect(adminRoutes.length).toBeGreaterThanOrEqual(6);
		for (const route of adminRoutes) {
			const { body, data } = await pageData(route, cookie);
			expect(data.type, route).toBe('data');
			if (data.type !== 'data') continue;
			// The root and (app) layouts (the signed-in person's own name), then the refusal.
			const [, , ...rest] = data.nodes;
			expect(rest.length, route).toBeGreaterThan(0);
			expect(
				rest.filter((node) => node?.type === 'data'),
				`${route} sends data after the refusal: ${body.slice(0, 300)}`
			).toEqual([]);
			expect(rest.find((node) => node?.type === 'error')?.status, route).toBe(403);
			expect(body, route).not.toContain(admin.email);
			for (const organisation of demoOrganisations)
				expect(body, route).not.toContain(organisation.id);
		}
	});

	it('gives a professional nothing of a case they are not a member of, on any of its pages', async () => {
		const caseRoutes = routes.filter((route) => route.includes('[caseId]'));
		expect(caseRoutes.length).toBeGreaterThanOrEqual(5);
		for (const route of caseRoutes) {
			const { body, data } = await pageData(route, cookie);
			expect(data.type, route).toBe('data');
			if (data.type !== 'data') continue;
			const [, , ...rest] = data.nodes;
			expect(
				rest.filter((node) => node?.type === 'data'),
				route
			).toEqual([]);
			expect(rest.find((node) => node?.type === 'error')?.status, route).toBe(404);
			expect(body, route).not.toContain(foreignCase.code);
			expect(body, route).not.toContain(foreignCase.title);
		}
		// Nor in the list of cases.
		const { body } = await pageData('/cases', cookie);
		expect(body).not.toContain(foreignCase.code);
	});

	it('sends someone who is not signed in to the login page from every page, with no data', async () => {
		for (const route of routes) {
			const { data } = await pageData(route);
			expect(data, route).toMatchObject({ type: 'redirect' });
			// The start page only points on to the list of cases.
			const expected = route === '/' ? /^\/cases$/ : /^\/(login|setup)/;
			if (data.type === 'redirect') expect(data.location, route).toMatch(expected);
		}
	});

	it('lets no browser or proxy keep pages or page data behind login', async () => {
		for (const route of routes) {
			const { response } = await pageData(route, cookie);
			expect(response.headers.get('cache-control'), `${route}/__data.json`).toBe('no-store');
			const page = await fetch(`${app.url}${urlOf(route)}`, {
				headers: { cookie },
				redirect: 'manual'
			});
			expect(page.headers.get('cache-control'), route).toBe('no-store');
		}
		// Without HTTPS configured there is no Strict-Transport-Security (it would lock out http).
		const login = await fetch(`${app.url}/login`);
		expect(login.headers.get('strict-transport-security')).toBeNull();
	});
});

describe('an app configured for HTTPS', () => {
	let app: RunningApp;

	beforeAll(async () => {
		app = await startApp({ origin: 'https://maatwerklab.example' });
	});

	afterAll(async () => {
		await app?.stop();
	});

	it('tells browsers to use HTTPS only, for a year, subdomains included', async () => {
		for (const url of ['/setup', '/login', '/healthz']) {
			const response = await fetch(`${app.url}${url}`, { redirect: 'manual' });
			const header = response.headers.get('strict-transport-security') ?? '';
			expect(header, url).toContain('includeSubDomains');
			expect(Number(/max-age=(\d+)/.exec(header)?.[1]), url).toBeGreaterThanOrEqual(31_536_000);
		}
	});
});
