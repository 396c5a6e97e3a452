import type { LabEvent } from '../../lab';

/** Everyone following one session, and one person among them (their own proposals). */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The session a session room is for (undefined for any other room). */
export const sessionOfRoom = (room: string) => /^session:([^:]+)$/.exec(room)?.[1];
export const personalRoom = (sessionId: string, userId: string) =>
	`session:${sessionId}:user:${userId}`;

/** The socket.io rooms an event of the lab capability goes to, by its audience. */
export function roomsOf({ audience }: LabEvent): string[] {
	const { sessionId, userIds } = audience;
	return userIds
		? userIds.map((userId) => personalRoom(sessionId, userId))
		: [sessionRoom(sessionId)];
}
