import { closeCode } from '$lib/protocol/collab';

export type ClosedMessage =
	| 'collab_closed_deactivated'
	| 'collab_closed_session_ended'
	| 'collab_closed_role_changed'
	| 'collab_closed_removed'
	| 'collab_closed_deleted'
	| 'collab_closed_access_ended'
	| 'collab_closed_too_large'
	| 'collab_closed_change_too_large'
	| 'collab_closed_generic';

// The server's close reasons are English text for programs; these are the ones it sends when
// access ends (src/routes/**/+page.server.ts and the realtime session check).
const byReason: Record<number, [string, ClosedMessage][]> = {
	[closeCode.unauthenticated]: [
		['deactivated', 'collab_closed_deactivated'],
		['', 'collab_closed_session_ended']
	],
	[closeCode.tooLarge]: [['', 'collab_closed_change_too_large']],
	[closeCode.badMessage]: [['would grow past', 'collab_closed_too_large']],
	[closeCode.forbidden]: [
		['role', 'collab_closed_role_changed'],
		['no longer a member', 'collab_closed_removed'],
		['deleted', 'collab_closed_deleted'],
		['', 'collab_closed_access_ended']
	]
};

/** The message key that tells a person why the server closed their connection for good. */
export function closedMessage(close: { code: number; reason: string }): ClosedMessage {
	const reason = close.reason.toLowerCase();
	const match = byReason[close.code]?.find(([part]) => reason.includes(part));
	return match?.[1] ?? 'collab_closed_generic';
}
