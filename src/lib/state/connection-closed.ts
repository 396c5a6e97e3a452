import { accessEnded, type AccessEndedReason } from '$lib/protocol/access';
import { closeCode, closeReason } from '$lib/protocol/collab';

export type ClosedMessage =
	| 'collab_closed_deactivated'
	| 'collab_closed_session_ended'
	| 'collab_closed_role_changed'
	| 'collab_closed_removed'
	| 'collab_closed_deleted'
	| 'collab_closed_access_ended'
	| 'collab_closed_too_large'
	| 'collab_closed_bsn'
	| 'collab_closed_change_too_large'
	| 'collab_closed_invite_revoked'
	| 'collab_closed_guest_removed'
	| 'collab_closed_guest_session_ended'
	| 'guest_closed_access_ended'
	| 'collab_closed_generic';

const byAccessEnded: Record<AccessEndedReason, ClosedMessage> = {
	[accessEnded.loggedOut]: 'collab_closed_session_ended',
	[accessEnded.sessionExpired]: 'collab_closed_session_ended',
	[accessEnded.passwordChanged]: 'collab_closed_session_ended',
	[accessEnded.accountDeactivated]: 'collab_closed_deactivated',
	[accessEnded.membershipEnded]: 'collab_closed_removed',
	[accessEnded.roleChanged]: 'collab_closed_role_changed',
	[accessEnded.caseDeleted]: 'collab_closed_deleted',
	[accessEnded.inviteRevoked]: 'collab_closed_invite_revoked',
	[accessEnded.guestRemoved]: 'collab_closed_guest_removed',
	[accessEnded.guestSessionEnded]: 'collab_closed_guest_session_ended'
};

const byCode: Record<number, ClosedMessage> = {
	[closeCode.unauthenticated]: 'collab_closed_session_ended',
	[closeCode.forbidden]: 'collab_closed_access_ended',
	[closeCode.tooLarge]: 'collab_closed_change_too_large'
};

function isAccessEnded(reason: string): reason is AccessEndedReason {
	return Object.hasOwn(byAccessEnded, reason);
}

/**
 * What a guest is told instead: they have no login to go back to (their link expired, they
 * left in another tab, or their cookie stopped counting).
 */
const forGuests: Partial<Record<ClosedMessage, ClosedMessage>> = {
	collab_closed_session_ended: 'guest_closed_access_ended',
	collab_closed_deactivated: 'guest_closed_access_ended',
	collab_closed_removed: 'guest_closed_access_ended'
};

/** The message key that tells a person why the server closed their connection for good. */
export function closedMessage(
	close: { code: number; reason: string },
	viewer: { guest: boolean } = { guest: false }
): ClosedMessage {
	const message = closedMessageFor(close);
	return (viewer.guest && forGuests[message]) || message;
}

function closedMessageFor(close: { code: number; reason: string }): ClosedMessage {
	if (isAccessEnded(close.reason)) return byAccessEnded[close.reason];
	if (close.code === closeCode.badMessage && close.reason === closeReason.documentTooLarge) {
		return 'collab_closed_too_large';
	}
	if (close.code === closeCode.badMessage && close.reason === closeReason.bsnRefused) {
		return 'collab_closed_bsn';
	}
	return byCode[close.code] ?? 'collab_closed_generic';
}
