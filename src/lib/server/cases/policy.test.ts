import { describe, expect, it } from 'vitest';
import type { Actor } from '../context';
import { can, caseActions, listRights, type CaseAction } from './policy';

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

	it('lets facilitators and participants read and edit, nothing more', () => {
		expect(allowed('facilitator')).toEqual(['read', 'edit']);
		expect(allowed('participant')).toEqual(['read', 'edit']);
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
			readAudit: false
		});
	});
});
