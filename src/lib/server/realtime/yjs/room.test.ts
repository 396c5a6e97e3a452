import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { DocumentRoom, type RoomMember } from './room';

function member(userId: string): RoomMember & { sent: Uint8Array[] } {
	const sent: Uint8Array[] = [];
	return { userId, sent, send: (message) => sent.push(message) };
}

function roomOnNewDocument() {
	return new DocumentRoom({ name: 'cases/x', caseId: 'x', doc: new Y.Doc() });
}

function setPresence(room: DocumentRoom, from: RoomMember, clientID: number, name: string) {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const awareness = new awarenessProtocol.Awareness(doc);
	awareness.setLocalState({ name });
	const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [clientID]);
	awarenessProtocol.applyAwarenessUpdate(room.awareness, update, from);
	awareness.destroy();
}

describe('presence ownership in a document room', () => {
	it('lets a connection speak for the first client id it claims, and for no other', () => {
		const room = roomOnNewDocument();
		const alice = member('alice');
		room.join(alice);
		expect(room.claimAwarenessId(alice, 11)).toBe(true);
		expect(room.claimAwarenessId(alice, 11)).toBe(true);
		expect(room.claimAwarenessId(alice, 12)).toBe(false);
	});

	it("refuses a client id that another user's connection holds", () => {
		const room = roomOnNewDocument();
		const [alice, mallory] = [member('alice'), member('mallory')];
		room.join(alice);
		room.join(mallory);
		expect(room.claimAwarenessId(alice, 11)).toBe(true);
		expect(room.claimAwarenessId(mallory, 11)).toBe(false);
		// Mallory can still speak for an id of her own.
		expect(room.claimAwarenessId(mallory, 99)).toBe(true);
	});

	it('keeps a client id for its user after they leave', () => {
		const room = roomOnNewDocument();
		const [alice, mallory] = [member('alice'), member('mallory')];
		room.join(alice);
		room.claimAwarenessId(alice, 11);
		room.leave(alice);
		room.join(mallory);
		expect(room.claimAwarenessId(mallory, 11)).toBe(false);
		const aliceAgain = member('alice');
		room.join(aliceAgain);
		expect(room.claimAwarenessId(aliceAgain, 11)).toBe(true);
	});

	it("hands the id to the same user's new connection, and the old one's leaving keeps the presence", () => {
		const room = roomOnNewDocument();
		const [oldTab, newTab] = [member('alice'), member('alice')];
		room.join(oldTab);
		room.claimAwarenessId(oldTab, 11);
		setPresence(room, oldTab, 11, 'Alice');

		room.join(newTab);
		expect(room.claimAwarenessId(newTab, 11)).toBe(true);
		room.leave(oldTab);
		expect(room.awareness.getStates().get(11)).toEqual({ name: 'Alice' });

		room.leave(newTab);
		expect(room.awareness.getStates().has(11)).toBe(false);
	});

	it('relays presence to every member but the one it came from', () => {
		const room = roomOnNewDocument();
		const [alice, bob] = [member('alice'), member('bob')];
		room.join(alice);
		room.join(bob);
		room.claimAwarenessId(alice, 11);
		setPresence(room, alice, 11, 'Alice');
		expect(alice.sent).toHaveLength(0);
		expect(bob.sent).toHaveLength(1);
	});
});
