import type { GuestActor } from '../context';

/**
 * Where a guest belongs: the lobby while waiting; once admitted, the session their link was for,
 * or the case's plan for a link to the whole case.
 */
export function guestHome(actor: GuestActor): string {
	const { caseId, sessionId, status } = actor.guest;
	if (status === 'waiting') return '/join/lobby';
	return sessionId ? `/cases/${caseId}/sessions/${sessionId}` : `/cases/${caseId}/plan`;
}

/** Pages anyone may open, guest or not (routes outside the app's pages). */
const openToAll = new Set([
	'/(public)/join',
	'/(public)/join/[token]',
	'/(public)/join/lobby',
	'/(public)/join/leave',
	'/(public)/join/left',
	'/language',
	'/healthz'
]);

/**
 * Whether a guest may open a route at all (what they may do there is the policy's): the join
 * pages, and once admitted the plan of their case and the session(s) their link lets them into.
 * Unknown routes (route id null) fall through to a 404.
 */
export function guestMayOpen(
	actor: GuestActor,
	routeId: string | null,
	params: Partial<Record<string, string>>
): boolean {
	if (routeId === null || openToAll.has(routeId)) return true;
	const { caseId, sessionId, status } = actor.guest;
	if (status !== 'admitted' || params.caseId?.toLowerCase() !== caseId) return false;
	if (routeId === '/(app)/cases/[caseId]/plan') return true;
	if (routeId === '/(app)/cases/[caseId]/sessions/[sessionId]') {
		return sessionId === null || params.sessionId?.toLowerCase() === sessionId;
	}
	return false;
}
