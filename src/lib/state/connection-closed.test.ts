import { describe, expect, it } from 'vitest';
import { accessEnded } from '$lib/protocol/access';
import { closeReason } from '$lib/protocol/collab';
import { closedMessage } from './connection-closed';

describe('closedMessage', () => {
	it.each([
		[4401, accessEnded.accountDeactivated, 'collab_closed_deactivated'],
		[4401, accessEnded.loggedOut, 'collab_closed_session_ended'],
		[4401, accessEnded.sessionExpired, 'collab_closed_session_ended'],
		[4401, accessEnded.passwordChanged, 'collab_closed_session_ended'],
		[4401, 'some future reason', 'collab_closed_session_ended'],
		[4403, accessEnded.roleChanged, 'collab_closed_role_changed'],
		[4403, accessEnded.membershipEnded, 'collab_closed_removed'],
		[4403, accessEnded.caseDeleted, 'collab_closed_deleted'],
		[4403, '', 'collab_closed_access_ended'],
		[4429, 'too many messages', 'collab_closed_generic'],
		[4400, 'malformed update: role', 'collab_closed_generic'],
		[4400, closeReason.documentTooLarge, 'collab_closed_too_large'],
		[4400, closeReason.bsnRefused, 'collab_closed_bsn'],
		[1009, '', 'collab_closed_change_too_large']
	])('explains close %d %j with %s', (code, reason, message) => {
		expect(closedMessage({ code, reason })).toBe(message);
	});

	it('has a message for every reason access can end with', () => {
		for (const reason of Object.values(accessEnded)) {
			expect(closedMessage({ code: 4403, reason })).not.toBe('collab_closed_access_ended');
		}
	});
});

describe('closedMessage for a guest', () => {
	const guest = { guest: true };

	it.each([
		[4401, accessEnded.inviteRevoked, 'collab_closed_invite_revoked'],
		[4401, accessEnded.guestRemoved, 'collab_closed_guest_removed'],
		[4401, accessEnded.guestSessionEnded, 'collab_closed_guest_session_ended'],
		[4401, accessEnded.loggedOut, 'guest_closed_access_ended'],
		[4401, accessEnded.sessionExpired, 'guest_closed_access_ended'],
		[4401, '', 'guest_closed_access_ended'],
		[4403, accessEnded.caseDeleted, 'collab_closed_deleted'],
		[4400, closeReason.bsnRefused, 'collab_closed_bsn']
	])('explains close %d %j with %s', (code, reason, message) => {
		expect(closedMessage({ code, reason }, guest)).toBe(message);
	});

	it('never tells a guest to log in again', () => {
		for (const reason of [...Object.values(accessEnded), '']) {
			for (const code of [4401, 4403]) {
				expect(closedMessage({ code, reason }, guest)).not.toBe('collab_closed_session_ended');
			}
		}
	});
});
