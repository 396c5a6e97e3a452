import { describe, expect, it } from 'vitest';
import type { Actor } from '../context';
import { caseRoles } from '../../schemas/enums';
import {
	can,
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
		const takePart = ['read', 'edit', 'proposeObservation', 'raiseHand', 'leadSession'];
		expect(allowed('facilitator')).toEqual([
			...takePart.slice(0, 2),
			'planSession',
			...takePart.slice(2)
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
		expect(caseActions.filter((action) => can(member, action, membership))).toEqual(['read']);
	});

	it('lets members with edit rights, and only them, be named facilitator or scribe', () => {
		expect(caseRoles.filter((role) => roleCan(role, 'leadSession'))).toEqual([
			'owner',
			'facilitator',
			'participant'
		]);
	});

	it('lets an observer only read', () => {
		expect(allowed('observer')).toEqual(['read']);
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
			leadSession: false
		});
	});
});
