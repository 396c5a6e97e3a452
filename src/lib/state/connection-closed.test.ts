import { describe, expect, it } from 'vitest';
import { closedMessage } from './connection-closed';

describe('closedMessage', () => {
	it.each([
		[4401, 'your account was deactivated', 'collab_closed_deactivated'],
		[4401, 'logged out', 'collab_closed_session_ended'],
		[4401, 'session ended', 'collab_closed_session_ended'],
		[4403, 'your role in this case changed: reload the page', 'collab_closed_role_changed'],
		[4403, 'you are no longer a member of this case', 'collab_closed_removed'],
		[4403, 'this case was deleted', 'collab_closed_deleted'],
		[4403, '', 'collab_closed_access_ended'],
		[4429, 'too many messages', 'collab_closed_generic'],
		[4400, 'malformed update: role', 'collab_closed_generic'],
		[4400, 'the document would grow past its limit of 8 MiB', 'collab_closed_too_large'],
		[1009, '', 'collab_closed_change_too_large']
	])('explains close %d %j with %s', (code, reason, message) => {
		expect(closedMessage({ code, reason })).toBe(message);
	});
});
