import { describe, expect, it } from 'vitest';
import type { Actor, GuestActor } from '../context';
import { caseRoles } from '../../schemas/enums';
import {
	can,
	canEnterSession,
	caseActions,
	listRights,
	roleCan,
	sessionRoles,
	type CaseAction,
	type SessionRole
} from './policy';

const member: Actor = {
	kind: 'user',
	id: '00000000-0000-4000-8000-000000000001',
	name: 'Bram Bakker',
	email: 'bram@example.org',
	role: 'member',
	organisationId: null,
	organisationName: null
};
const admin: Actor = { ...member, role: 'admin' };

const allowed = (role: 'owner' | 'facilitator' | 'participant' | 'observer') =>
	caseActions.filter((action) => can(member, action, { role }));

describe('case policy', () => {
	it('gives an owner every right', () => {
		expect(allowed('owner')).toEqual([...caseActions]);
	});

	it('lets facilitators and participants read, edit and take part in sessions; facilitators plan them', () => {
		const takePart = [
			'read',
			'readHistory',
			'edit',
			'proposeObservation',
			'raiseHand',
			'leadSession'
		];
		expect(allowed('facilitator')).toEqual([
			...takePart.slice(0, 3),
			'planSession',
			...takePart.slice(3),
			'inviteGuests'
		]);
		expect(allowed('participant')).toEqual(takePart);
	});

	it('lets the facilitator of a session run it and record, and its scribe record', () => {
		const inSession = (role: 'facilitator' | 'participant', sessionRoles: SessionRole[]) =>
			caseActions.filter((action) => can(member, action, { role, sessionRoles }));
		expect(inSession('participant', ['sessionFacilitator'])).toEqual(
			expect.arrayContaining(['runSession', 'recordObservation'])
		);
		expect(inSession('participant', ['scribe'])).toContain('recordObservation');
		expect(inSession('participant', ['scribe'])).not.toContain('runSession');
		expect(allowed('facilitator')).not.toContain('runSession');
		expect(allowed('participant')).not.toContain('recordObservation');
	});

	it('gives a session role nothing to a member whose case role is observer', () => {
		const membership = { role: 'observer' as const, sessionRoles: [...sessionRoles] };
		expect(caseActions.filter((action) => can(member, action, membership))).toEqual([
			'read',
			'readHistory'
		]);
	});

	it('lets members with edit rights, and only them, be named facilitator or scribe', () => {
		expect(caseRoles.filter((role) => roleCan(role, 'leadSession'))).toEqual([
			'owner',
			'facilitator',
			'participant'
		]);
	});

	it('lets an observer only read', () => {
		expect(allowed('observer')).toEqual(['read', 'readHistory']);
	});

	it.each(caseActions)('refuses %s to a non-member, also a deployment administrator', (action) => {
		expect(can(member, action, null)).toBe(false);
		expect(can(admin, action, null)).toBe(false);
	});

	it('gives an administrator who is a member only the rights of their case role', () => {
		expect(can(admin, 'edit', { role: 'observer' })).toBe(false);
		expect(can(admin, 'read', { role: 'observer' })).toBe(true);
	});

	it('refuses everything to nobody, even with a membership', () => {
		for (const action of caseActions) expect(can(null, action, { role: 'owner' })).toBe(false);
	});

	it('refuses an unknown role or action', () => {
		expect(can(member, 'read', { role: 'guest' as 'owner' })).toBe(false);
		expect(can(member, 'fly' as CaseAction, { role: 'owner' })).toBe(false);
	});

	it('lists the rights of a role for the page', () => {
		expect(listRights(member, { role: 'observer' })).toEqual({
			read: true,
			readHistory: true,
			edit: false,
			manageMembers: false,
			close: false,
			delete: false,
			readAudit: false,
			planSession: false,
			runSession: false,
			recordObservation: false,
			proposeObservation: false,
			raiseHand: false,
			leadSession: false,
			inviteGuests: false
		});
	});

	it('lets the facilitator of a session invite guests to it, and its scribe not', () => {
		expect(
			can(member, 'inviteGuests', { role: 'participant', sessionRoles: ['sessionFacilitator'] })
		).toBe(true);
		expect(can(member, 'inviteGuests', { role: 'participant', sessionRoles: ['scribe'] })).toBe(
			false
		);
	});
});

describe('case policy for guests', () => {
	const guestOf = (sessionId: string | null): GuestActor => ({
		kind: 'guest',
		id: '00000000-0000-4000-8000-000000000009',
		name: 'Gast',
		role: 'guest',
		organisationId: null,
		organisationName: 'familie',
		guest: { inviteId: 'i', caseId: 'c', sessionId, status: 'admitted' }
	});
	const guest = guestOf(null);
	const guestAllowed = (role: 'participant' | 'observer') =>
		caseActions.filter((action) => can(guest, action, { role }));

	it('lets a participant guest take part in the case as it is now, and nothing more', () => {
		expect(guestAllowed('participant')).toEqual([
			'read',
			'edit',
			'proposeObservation',
			'raiseHand'
		]);
	});

	it('lets an observer guest only read the case as it is now', () => {
		expect(guestAllowed('observer')).toEqual(['read']);
	});

	it('gives a guest no more than participant, whatever role a membership claims', () => {
		for (const role of ['owner', 'facilitator'] as const) {
			expect(caseActions.filter((action) => can(guest, action, { role }))).toEqual([]);
		}
		const asFacilitator = { role: 'participant' as const, sessionRoles: [...sessionRoles] };
		expect(can(guest, 'runSession', asFacilitator)).toBe(false);
		expect(can(guest, 'inviteGuests', asFacilitator)).toBe(false);
	});

	it('lets a guest of one session into that session only; a guest of the case into any', () => {
		expect(canEnterSession(guestOf('s1'), 's1')).toBe(true);
		expect(canEnterSession(guestOf('s1'), 's2')).toBe(false);
		expect(canEnterSession(guest, 's2')).toBe(true);
		expect(canEnterSession(member, 's2')).toBe(true);
		expect(canEnterSession(null, 's2')).toBe(false);
	});
});
