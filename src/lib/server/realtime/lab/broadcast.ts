/**
 * What a lab command returns for others to see, as the capability describes it: an event and
 * who gets it. The channel turns audiences into socket.io rooms; the capability knows no sockets.
 */
export type Broadcast = {
	event: string;
	payload: unknown;
	/** Everyone connected to the case, or only these users (e.g. a proposer and the facilitator). */
	to: { caseId: string; userIds?: string[] };
};

export const caseRoom = (caseId: string) => `case:${caseId}`;
export const userRoom = (caseId: string, userId: string) => `case:${caseId}:user:${userId}`;

export function roomsOf({ to }: Broadcast): string[] {
	return to.userIds ? to.userIds.map((userId) => userRoom(to.caseId, userId)) : [caseRoom(to.caseId)];
}
