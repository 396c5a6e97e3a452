import { describe, expect, it } from 'vitest';
import type { GuestActor } from '../context';
import { guestHome, guestMayOpen } from './guest-home';

const caseId = '00000000-0000-4000-8000-000000000301';
const otherCase = '00000000-0000-4000-8000-000000000302';
const sessionId = '00000000-0000-4000-8000-000000000901';

function guest(status: 'waiting' | 'admitted', session: string | null = null): GuestActor {
	return {
		kind: 'guest',
		id: '00000000-0000-4000-8000-000000000999',
		name: 'Ria',
		role: 'guest',
		organisationId: null,
		organisationName: 'familie',
		guest: { inviteId: '00000000-0000-4000-8000-000000000777', caseId, sessionId: session, status }
	};
}

describe('guestHome', () => {
	it('is the lobby while waiting, then the plan or the session of the link', () => {
		expect(guestHome(guest('waiting'))).toBe('/join/lobby');
		expect(guestHome(guest('admitted'))).toBe(`/cases/${caseId}/plan`);
		expect(guestHome(guest('admitted', sessionId))).toBe(`/cases/${caseId}/sessions/${sessionId}`);
	});
});

describe('guestMayOpen', () => {
	it.each([
		'/(public)/join',
		'/(public)/join/[token]',
		'/(public)/join/lobby',
		'/(public)/join/leave',
		'/(public)/join/left'
	])('lets a waiting guest open %s', (routeId) => {
		expect(guestMayOpen(guest('waiting'), routeId, {})).toBe(true);
	});

	it('keeps a waiting guest out of the plan', () => {
		expect(guestMayOpen(guest('waiting'), '/(app)/cases/[caseId]/plan', { caseId })).toBe(false);
	});

	it('lets an admitted guest open the plan of their case only', () => {
		const admitted = guest('admitted');
		expect(guestMayOpen(admitted, '/(app)/cases/[caseId]/plan', { caseId })).toBe(true);
		expect(
			guestMayOpen(admitted, '/(app)/cases/[caseId]/plan', { caseId: caseId.toUpperCase() })
		).toBe(true);
		expect(guestMayOpen(admitted, '/(app)/cases/[caseId]/plan', { caseId: otherCase })).toBe(false);
	});

	it.each([
		['/(app)/cases', {}],
		['/(app)/cases/[caseId]', { caseId }],
		['/(app)/cases/[caseId]/versions', { caseId }],
		['/(app)/cases/[caseId]/audit', { caseId }],
		['/(app)/cases/[caseId]/planreis', { caseId }],
		['/(app)/account/password', {}],
		['/(app)/admin/accounts', {}]
	])('keeps an admitted guest out of %s', (routeId, params) => {
		expect(guestMayOpen(guest('admitted'), routeId, params)).toBe(false);
	});

	it('lets a session guest into their session only', () => {
		const route = '/(app)/cases/[caseId]/sessions/[sessionId]';
		const other = '00000000-0000-4000-8000-000000000902';
		expect(guestMayOpen(guest('admitted', sessionId), route, { caseId, sessionId })).toBe(true);
		expect(guestMayOpen(guest('admitted', sessionId), route, { caseId, sessionId: other })).toBe(
			false
		);
		expect(guestMayOpen(guest('admitted'), route, { caseId, sessionId: other })).toBe(true);
	});
});
