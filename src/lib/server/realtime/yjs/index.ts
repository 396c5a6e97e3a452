import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import {
	closeCode,
	collabPath,
	limits,
	parseCaseDocumentName,
	persistedAcksParam
} from '../../../protocol/collab';
import type { App } from '../../app';
import { auditCase } from '../../cases';
import type { LiveDocuments } from '../../collab';
import { authoriseCaseAccess, isAllowedOrigin, isRefusal } from '../authenticate';
import type { UpgradeRoute } from '../index';
import type { SessionWatch } from '../session-watch';
import { CollabConnection, type ConnectionLimits } from './connection';
import { DocumentRoom } from './room';

function refuse(socket: Duplex, status: number, reason: string) {
	const body = `${reason}\n`;
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
	);
}

/** A percent-decoded path segment; null when the encoding is broken. */
function decodePathSegment(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

/** Defaults in `limits` (src/lib/protocol/collab.ts); tests shorten them. */
export type CollabRouteOptions = Partial<ConnectionLimits>;

export type CollabRoute = UpgradeRoute & { close(): Promise<void> };

/**
 * The y-websocket endpoint: ws(s)://host/collab/cases/<caseId>. The upgrade is authenticated
 * (session cookie or bearer token) and authorised by the cases policy before any byte of the
 * document is sent.
 */
export function createCollabRoute(
	app: App,
	documents: LiveDocuments,
	sessionWatch: SessionWatch,
	{
		heartbeatMs = limits.heartbeatMs,
		maxSendBacklogBytes = limits.maxSendBacklogBytes
	}: CollabRouteOptions = {}
): CollabRoute {
	const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
	const rooms = new Map<string, { room: Promise<DocumentRoom>; members: number }>();
	const connections = new Set<CollabConnection>();
	const pending = new Set<Promise<unknown>>();
	const track = (work: Promise<unknown>) => {
		pending.add(work);
		void work.finally(() => pending.delete(work));
	};

	async function joinRoom(name: string, caseId: string): Promise<DocumentRoom> {
		let entry = rooms.get(name);
		if (!entry) {
			const room = documents.open(name, caseId).then((live) => new DocumentRoom(live));
			entry = { room, members: 0 };
			rooms.set(name, entry);
			room.catch(() => rooms.delete(name));
		}
		entry.members++;
		return entry.room;
	}

	function leaveRoom(name: string, room: DocumentRoom) {
		const entry = rooms.get(name);
		if (!entry || --entry.members > 0) return;
		rooms.delete(name);
		room.destroy();
		documents.release(room.live);
	}

	async function handle(request: IncomingMessage, socket: Duplex, head: Buffer) {
		socket.on('error', () => socket.destroy());
		const url = new URL(request.url ?? '/', 'http://localhost');
		const documentName = decodePathSegment(url.pathname.slice(collabPath.length + 1));
		const document = documentName === null ? null : parseCaseDocumentName(documentName);
		if (!isAllowedOrigin(app, request)) return refuse(socket, 403, 'Forbidden origin');
		if (!document) return refuse(socket, 404, 'Not Found');

		const access = await authoriseCaseAccess(app, request, document.caseId, 'case.collab.connect');
		if (isRefusal(access)) return refuse(socket, access.status, access.reason);
		const { ctx, opened } = access;
		const canWrite = opened.rights.edit;
		await auditCase(ctx, opened, 'case.collab.connect', { writable: canWrite });
		if (socket.destroyed) return;

		const name = `cases/${opened.record.id}`;
		const room = await joinRoom(name, opened.record.id);
		// The handshake can still fail (a bad Sec-WebSocket-Version, a socket that went away):
		// then there is no connection to leave the room when it closes.
		const abandon = () => {
			leaveRoom(name, room);
			track(
				auditCase(ctx, opened, 'case.collab.disconnect', { handshakeFailed: true }).catch((error) =>
					app.log.error({ err: error }, 'audit of disconnect failed')
				)
			);
		};
		if (socket.destroyed) return abandon();
		socket.once('close', abandon);
		wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
			socket.off('close', abandon);
			const connection = new CollabConnection(
				ws,
				room,
				documents,
				{
					actor: access.actor,
					sessionToken: access.sessionToken,
					wantsPersistedAcks: url.searchParams.get('acks') === persistedAcksParam.acks,
					caseId: opened.record.id,
					role: opened.role,
					presenceColour: opened.presenceColour,
					canWrite
				},
				app.log,
				{ maxSendBacklogBytes, heartbeatMs }
			);
			connections.add(connection);
			connection.onUpdateAccepted = () => sessionWatch.noteActivity(access.sessionToken);
			ws.on('message', (data: Buffer, isBinary) =>
				connection.handleMessage(new Uint8Array(data), isBinary)
			);
			// A peer's protocol error (an oversized frame, say): ws closes the socket itself.
			ws.on('error', (error: Error & { code?: string }) =>
				app.log.warn({ reason: error.message, code: error.code }, 'collab socket error')
			);
			ws.on('close', () => {
				connections.delete(connection);
				app.connections.unregister(connection);
				room.leave(connection);
				leaveRoom(name, room);
				track(
					auditCase(ctx, opened, 'case.collab.disconnect', {
						updatesAccepted: connection.updatesAccepted,
						updatesRefused: connection.updatesRefused,
						touched: [...connection.typesTouched].sort()
					}).catch((error) => app.log.error({ err: error }, 'audit of disconnect failed'))
				);
			});
			// Access that ended while this upgrade was being authorised closes it here.
			if (!app.connections.register(connection, access.mark)) return;
			sessionWatch.watchExpiry(access.sessionToken, access.sessionExpiresAt);
			connection.start();
		});
	}

	return {
		claims: (request) => (request.url ?? '').startsWith(`${collabPath}/`),
		handle(request, socket, head) {
			handle(request, socket, head).catch((error) => {
				app.log.error({ err: error }, 'collab upgrade failed');
				if (!socket.destroyed) refuse(socket, 500, 'Internal Server Error');
			});
		},
		async close() {
			for (const connection of connections) {
				connection.close(closeCode.goingAway, 'server shutting down');
			}
			await new Promise<void>((resolve) => wss.close(() => resolve()));
			// Let the closing handshakes finish (then cut what is left), so that every disconnect is
			// audited before the database closes.
			const deadline = Date.now() + 1000;
			while (connections.size > 0 && Date.now() < deadline) await sleep(10);
			for (const client of wss.clients) client.terminate();
			while (connections.size > 0) await sleep(10);
			await Promise.all(pending);
		}
	};
}
