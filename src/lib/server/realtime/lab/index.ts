import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
	channelClosedEvent,
	channelHandshakeSchema,
	channelLimits,
	channelNamespace,
	channelPath,
	type ChannelClosed
} from '../../../protocol/channel';
import { closeCode } from '../../../protocol/collab';
import { labLobbyEvent } from '../../../protocol/lab-channel';
import type { App } from '../../app';
import { auditCase } from '../../cases';
import { CapabilityError } from '../../errors';
import { markGoneWithoutAccess, type LabEvent } from '../../lab';
import { authoriseCaseAccess, isAllowedOrigin, isRefusal, type CaseAccess } from '../authenticate';
import type { UpgradeRoute } from '../index';
import type { LiveConnection } from '../live-connections';
import type { SessionWatch } from '../session-watch';
import { roomsOf } from './broadcast';
import { handleCommands, type Caller, type CommandHandler } from './commands';
import { joinedSessions, labHandlers, markPresence, rememberJoined } from './handlers';
import { lobbyFor, lobbyOfRoom, mayAdmit, readSession, readWaiting } from './lobby';
import { holdBackRecovery, resumeRecovered } from './recovery';

export type LabChannel = UpgradeRoute & {
	io: Server;
	close(): Promise<void>;
};

type SocketData = { access: CaseAccess };

/** A refusal before the connection exists: the client's `connect_error` carries the status. */
function refusal(status: number, reason: string) {
	return Object.assign(new Error(reason), { data: { status } });
}

/**
 * The session channel: socket.io on the shared HTTP server, namespace /lab, one connection per
 * case. A socket is authenticated and authorised for its case by the same path as the document
 * endpoint before it exists (also when socket.io recovers a dropped connection), and is a live
 * connection that ending someone's access closes at once.
 */
export function createLabChannel(
	httpServer: HttpServer,
	app: App,
	sessionWatch: SessionWatch,
	commands: CommandHandler[] = labHandlers
): LabChannel {
	const io = new Server(httpServer, {
		path: channelPath,
		serveClient: false,
		maxHttpBufferSize: channelLimits.maxPayloadBytes,
		// The document endpoint shares the HTTP server: leave upgrades that are not ours alone.
		destroyUpgrade: false,
		allowRequest: (request: IncomingMessage, callback) =>
			callback(null, isAllowedOrigin(app, request)),
		connectionStateRecovery: {
			maxDisconnectionDuration: channelLimits.recoveryMs,
			// A recovered connection is authenticated and authorised again like a new one.
			skipMiddlewares: false
		}
	});
	const lab = io.of(channelNamespace);
	holdBackRecovery(lab);
	const pending = new Set<Promise<unknown>>();
	const track = (work: Promise<unknown>, what: string) => {
		const tracked = work.catch((error) => app.log.error({ err: error }, what));
		pending.add(tracked);
		void tracked.finally(() => pending.delete(tracked));
	};
	const connectionsOf = (userId: string) =>
		[...lab.sockets.values()].filter(
			(socket) => (socket.data as Partial<SocketData>).access?.actor.id === userId
		).length;
	const broadcast = (event: LabEvent) => {
		lab.to(roomsOf(event)).emit(event.name, event.payload);
	};

	/** Sends each lobby room of the case the lobby as it is now, as each of its sockets sees it. */
	const sendLobbies = async (caseId: string) => {
		const ctx = app.createCtx({});
		const rooms = [...lab.adapter.rooms].filter(([room]) => lobbyOfRoom(room)?.caseId === caseId);
		for (const [room, socketIds] of rooms) {
			const session = await readSession(ctx, lobbyOfRoom(room)!.sessionId);
			if (!session) continue;
			const waiting = await readWaiting(ctx, session);
			for (const id of [...socketIds]) {
				const socket = lab.sockets.get(id);
				const access = (socket?.data as Partial<SocketData> | undefined)?.access;
				if (!socket || !access) continue;
				const viewer = { actor: access.actor, role: access.opened.role };
				// Handed over the session meanwhile: no longer theirs to see.
				if (!mayAdmit(viewer, session)) socket.leave(room);
				else socket.emit(labLobbyEvent, lobbyFor(viewer, session, waiting));
			}
		}
	};
	// One read at a time per case, so that an older lobby never arrives after a newer one.
	const lobbyQueues = new Map<string, Promise<void>>();
	const stopListening = app.lobby.listen((caseId) => {
		const queued = (lobbyQueues.get(caseId) ?? Promise.resolve())
			.then(() => sendLobbies(caseId))
			.catch((error) => app.log.error({ err: error }, 'sending the lobby failed'));
		lobbyQueues.set(caseId, queued);
		track(
			queued.finally(() => {
				if (lobbyQueues.get(caseId) === queued) lobbyQueues.delete(caseId);
			}),
			'sending the lobby failed'
		);
	});

	lab.use((socket: Socket, next) => {
		const handshake = channelHandshakeSchema.safeParse(socket.handshake.auth);
		if (!handshake.success) return next(refusal(400, 'send auth: { caseId }'));
		const { caseId, token } = handshake.data;
		authoriseCaseAccess(app, socket.request, caseId, 'case.lab.connect', token)
			.then(async (access) => {
				if (isRefusal(access)) return next(refusal(access.status, access.reason));
				if (connectionsOf(access.actor.id) >= channelLimits.connectionsPerUser) {
					return next(refusal(429, 'too many connections'));
				}
				await auditCase(access.ctx, access.opened, 'case.lab.connect');
				(socket.data as SocketData).access = access;
				next();
			})
			.catch((error) => {
				app.log.error({ err: error }, 'lab channel authorisation failed');
				next(refusal(500, 'Internal Server Error'));
			});
	});

	lab.on('connection', (socket: Socket) => {
		const { access } = socket.data as SocketData;
		const { actor, opened } = access;
		const caller: Caller = {
			userId: actor.id,
			actor,
			caseId: opened.record.id,
			role: opened.role,
			socket
		};
		const createCtx = () => app.createCtx({ actor, address: access.ctx.address });
		const live: LiveConnection = {
			userId: actor.id,
			sessionToken: access.sessionToken,
			caseId: caller.caseId,
			role: opened.role,
			close(code, reason) {
				const closed: ChannelClosed = { code, reason };
				socket.emit(channelClosedEvent, closed);
				socket.disconnect(true);
			}
		};
		socket.on('disconnect', () => {
			app.connections.unregister(live);
			for (const sessionId of joinedSessions(socket)) {
				track(
					markPresence(createCtx(), sessionId, 'away').then(
						(events) => events.forEach(broadcast),
						// The session ended, or so did their access: nobody to mark, but a guest
						// whose access ended (removed, link withdrawn) is gone for the others.
						async (error) => {
							if (!(error instanceof CapabilityError)) throw error;
							if (actor.kind !== 'guest') return;
							const events = await markGoneWithoutAccess(app.createCtx({}), sessionId, actor.id);
							events.forEach(broadcast);
						}
					),
					'marking a participant away failed'
				);
			}
			track(auditCase(access.ctx, opened, 'case.lab.disconnect'), 'audit of lab disconnect failed');
		});
		// Connections authorised side by side were each counted without the others.
		if (connectionsOf(actor.id) > channelLimits.connectionsPerUser) {
			return live.close(closeCode.rateLimited, 'too many connections');
		}
		// Access that ended while this connection was being authorised closes it here.
		if (!app.connections.register(live, access.mark)) return;
		sessionWatch.watchExpiry(access.sessionToken, access.sessionExpiresAt);
		rememberJoined(caller, resumeRecovered(socket, caller));
		handleCommands(socket, {
			caller,
			createCtx,
			commands,
			broadcast,
			onCommand: () => sessionWatch.noteActivity(access.sessionToken),
			log: app.log
		});
	});

	return {
		io,
		// engine.io answers its own upgrades (it attached itself above); claiming them keeps the
		// router from refusing them as unknown.
		claims: (request) => (request.url ?? '').startsWith(`${channelPath}/`),
		handle: () => {},
		async close() {
			stopListening();
			for (const socket of lab.sockets.values()) {
				const closed: ChannelClosed = { code: closeCode.goingAway, reason: 'server shutting down' };
				socket.emit(channelClosedEvent, closed);
			}
			lab.disconnectSockets(true);
			io.engine.close();
			await Promise.all(pending);
		}
	};
}
