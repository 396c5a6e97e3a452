import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { messageType } from '../../../protocol/collab';

/** Encodes y-websocket frames. Decoding happens in connection.ts, which validates as it reads. */

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc) =>
	frame(messageType.sync, (e) => syncProtocol.writeSyncStep1(e, doc));

export const encodeSyncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
	frame(messageType.sync, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

export const encodeUpdate = (update: Uint8Array) =>
	frame(messageType.sync, (e) => syncProtocol.writeUpdate(e, update));

export const encodeAwareness = (update: Uint8Array) =>
	frame(messageType.awareness, (e) => encoding.writeVarUint8Array(e, update));

export const encodePermissionDenied = (reason: string) =>
	frame(messageType.auth, (e) => authProtocol.writePermissionDenied(e, reason));

export const encodePersisted = (doc: Y.Doc) =>
	frame(messageType.persisted, (e) => encoding.writeVarUint8Array(e, Y.encodeStateVector(doc)));

export type AwarenessState = Record<string, unknown> | null;

export type AwarenessEntry = { clientID: number; clock: number; state: AwarenessState };

/** An entry of an awareness update with its state still as JSON text (parsed only when kept). */
export type RawAwarenessEntry = { clientID: number; clock: number; stateJson: string };

/** Reads the entries of an awareness update; throws on malformed framing. */
export function readAwarenessEntries(update: Uint8Array): RawAwarenessEntry[] {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	if (count > 1000) throw new Error('too many awareness entries');
	const entries: RawAwarenessEntry[] = [];
	for (let i = 0; i < count; i++) {
		const clientID = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		entries.push({ clientID, clock, stateJson: decoding.readVarString(decoder) });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
	return entries;
}

/** Parses an awareness state; throws unless it is an object or null. */
export function parseAwarenessState(json: string): AwarenessState {
	const state = JSON.parse(json) as unknown;
	if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
		throw new Error('awareness state must be an object or null');
	}
	return state as AwarenessState;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientID);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, JSON.stringify(entry.state));
	}
	return encoding.toUint8Array(encoder);
}
