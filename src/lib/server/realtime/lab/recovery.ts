import type { Namespace, Socket } from 'socket.io';

type RestoredSession = NonNullable<Awaited<ReturnType<Namespace['adapter']['restoreSession']>>>;

/** What a dropped connection had, kept aside until the connection is authorised again. */
export type HeldBack = {
	userId: string;
	caseId: string;
	rooms: string[];
	/** Each as socket.io stored it: the event, its arguments and its offset last. */
	missedPackets: unknown[][];
};

type RecoveringData = {
	heldBack?: HeldBack;
	access?: { actor: { id: string }; opened: { record: { id: string } } };
};

/**
 * socket.io restores a recovered connection's rooms and sends the events it missed before the
 * middleware runs, and whatever case the new handshake names. This makes the namespace restore
 * nothing by itself: the rooms and missed events wait in `socket.data` until `resumeRecovered`
 * finds the connection authorised again for the same person on the same case.
 */
export function holdBackRecovery(namespace: Namespace): void {
	const adapter = namespace.adapter;
	const restore = adapter.restoreSession.bind(adapter);
	adapter.restoreSession = async (pid, offset) => {
		const session = await restore(pid, offset);
		if (!session) return session;
		const previous = session.data as RecoveringData | undefined;
		const heldBack: HeldBack | undefined = previous?.access && {
			userId: previous.access.actor.id,
			caseId: previous.access.opened.record.id,
			rooms: [...session.rooms],
			missedPackets: session.missedPackets as unknown[][]
		};
		return { ...session, rooms: [], missedPackets: [], data: { heldBack } } as RestoredSession;
	};
}

/**
 * For a connection that socket.io recovered and that is now authorised: the rooms and missed
 * events of its previous connection when it is the same person on the same case (else nothing);
 * returns the rooms it is back in.
 */
export function resumeRecovered(
	socket: Socket,
	{ userId, caseId }: { userId: string; caseId: string }
): string[] {
	const data = socket.data as RecoveringData;
	const heldBack = data.heldBack;
	delete data.heldBack;
	if (!socket.recovered || !heldBack) return [];
	if (heldBack.userId !== userId || heldBack.caseId !== caseId) return [];
	// The in-memory adapter joins at once: commands right after the reconnect find their sessions.
	void socket.join(heldBack.rooms);
	for (const packet of heldBack.missedPackets) {
		const [event, ...args] = packet.slice(0, -1);
		socket.emit(String(event), ...args);
	}
	return heldBack.rooms;
}
