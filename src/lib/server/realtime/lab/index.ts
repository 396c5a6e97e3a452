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
import type { App } from '../../app';
import { auditCase } from '../../cases';
import { authoriseCaseAccess, isAllowedOrigin, isRefusal, type CaseAccess } from '../authenticate';
import type { UpgradeRoute } from '../index';
import type { LiveConnection } from '../live-connections';
import type { SessionWatch } from '../session-watch';
import { caseRoom, roomsOf, userRoom, type Broadcast } from './broadcast';
import { handleCommands, type CommandHandler } from './commands';

export type LabChannel = UpgradeRoute & {
	io: Server;
	/** Sends what a capability returned to the rooms it names. */
	broadcast(message: Broadcast): void;
	close(): Promise<void>;
};

type SocketData = { access: CaseAccess };

/** A refusal before the connection exists: the client's `connect_error` carries the status. */
function refusal(status: number, reason: string) {
	return Object.assign(new Error(reason), { data: { status } });
}

/**
 * The session channel: socket.io on the shared HTTP server, namespace /lab. A socket is
 * authenticated and authorised for one case by the same path as the document endpoint, before
 * it exists (also when socket.io recovers a dropped connection), and is a live connection that
 * ending someone's access closes.
 */
export function createLabChannel(
	httpServer: HttpServer,
	app: App,
	sessionWatch: SessionWatch,
	commands: CommandHandler[]
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
			// A recovered connection is authenticated again like a new one.
			skipMiddlewares: false
		}
	});
	const lab = io.of(channelNamespace);
	const broadcast = (message: Broadcast) => {
		lab.to(roomsOf(message)).emit(message.event, message.payload);
	};

	lab.use((socket: Socket, next) => {
		const handshake = channelHandshakeSchema.safeParse(socket.handshake.auth);
		if (!handshake.success) return next(refusal(400, 'send auth: { caseId }'));
		const { caseId, token } = handshake.data;
		authoriseCaseAccess(app, socket.request, caseId, 'case.lab.connect', token).then(
			(access) => {
				if (isRefusal(access)) return next(refusal(access.status, access.reason));
				(socket.data as SocketData).access = access;
				next();
			},
			(error) => {
				app.log.error({ err: error }, 'lab channel authorisation failed');
				next(refusal(500, 'Internal Server Error'));
			}
		);
	});

	lab.on('connection', (socket: Socket) => {
		const { access } = socket.data as SocketData;
		const { actor, opened } = access;
		const caseId = opened.record.id;
		const live: LiveConnection = {
			userId: actor.id,
			sessionToken: access.sessionToken,
			caseId,
			role: opened.role,
			close(code, reason) {
				const closed: ChannelClosed = { code, reason };
				socket.emit(channelClosedEvent, closed);
				socket.disconnect(true);
			}
		};
		socket.on('disconnect', () => {
			app.connections.unregister(live);
			auditCase(access.ctx, opened, 'case.lab.disconnect').catch((error) =>
				app.log.error({ err: error }, 'audit of lab disconnect failed')
			);
		});
		if (!app.connections.register(live, access.mark)) return;
		sessionWatch.watchExpiry(access.sessionToken, access.sessionExpiresAt);
		void socket.join([caseRoom(caseId), userRoom(caseId, actor.id)]);
		handleCommands(socket, {
			caller: { userId: actor.id, caseId, role: opened.role },
			createCtx: () => app.createCtx({ actor, address: access.ctx.address }),
			commands,
			broadcast,
			log: app.log
		});
		void auditCase(access.ctx, opened, 'case.lab.connect').catch((error) =>
			app.log.error({ err: error }, 'audit of lab connect failed')
		);
	});

	return {
		io,
		broadcast,
		// engine.io answers its own upgrades (attached above); claiming them keeps the router from
		// refusing them as unknown.
		claims: (request) => (request.url ?? '').startsWith(`${channelPath}/`),
		handle: () => {},
		async close() {
			for (const socket of lab.sockets.values()) {
				socket.emit(channelClosedEvent, { code: 1001, reason: 'server shutting down' });
			}
			await io.close();
		}
	};
}
