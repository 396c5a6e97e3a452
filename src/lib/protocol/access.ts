import { closeCode } from './collab';

/**
 * Why the server ended someone's live connections: the close reason of the document endpoint and
 * the session channel alike. Human-readable for programs; pages choose their message by these
 * constants (src/lib/state/connection-closed.ts), never by the words.
 */
export const accessEnded = {
	loggedOut: 'logged out',
	sessionExpired: 'session ended: log in again',
	passwordChanged: 'the password was changed: log in again',
	accountDeactivated: 'your account was deactivated',
	membershipEnded: 'you are no longer a member of this case',
	roleChanged: 'your role in this case changed: reload the page',
	caseDeleted: 'this case was deleted',
	/** Guests: the link they came through was withdrawn. */
	inviteRevoked: 'the invite link was withdrawn',
	/** Guests: a facilitator removed them. */
	guestRemoved: 'you were removed from this meeting',
	/** Guests of one session: it ended, and their access with it. */
	guestSessionEnded: 'the session has ended'
} as const;

export type AccessEndedReason = (typeof accessEnded)[keyof typeof accessEnded];

const caseReasons: ReadonlySet<AccessEndedReason> = new Set([
	accessEnded.membershipEnded,
	accessEnded.roleChanged,
	accessEnded.caseDeleted
]);

/** 4403 when access to one case ended, 4401 when the person's session or account did. */
export function closeCodeFor(reason: AccessEndedReason): number {
	return caseReasons.has(reason) ? closeCode.forbidden : closeCode.unauthenticated;
}
