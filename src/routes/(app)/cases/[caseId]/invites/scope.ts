import type { InviteScope } from '$lib/server/invites';

/** The case's links, or with `?session=<id>` those of one session. */
export function inviteScope(caseId: string, url: URL): InviteScope {
	return { caseId, sessionId: url.searchParams.get('session') || null };
}
