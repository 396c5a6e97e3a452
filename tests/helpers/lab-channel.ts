import { io, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';
import { channelPath, type Ack } from '$lib/protocol/channel';
import type { RealtimeServer } from './realtime';

export type LabClient = Socket & {
	/** Sends a command and resolves with its acknowledgement. */
	command<Result extends object = object>(event: string, payload?: unknown): Promise<Ack<Result>>;
	/** Resolves with the next payload of `event`. */
	next<Payload = unknown>(event: string, timeoutMs?: number): Promise<Payload>;
};

/** socket.io clients on the session channel, disconnected after each test. */
export function useLabClients() {
	const sockets: Socket[] = [];
	afterEach(() => {
		sockets.splice(0).forEach((socket) => socket.disconnect());
	});
	return {
		/** Connects over WebSocket with a bearer token (or `auth.token`), like a program. */
		connect(
			server: Pick<RealtimeServer, 'labUrl'>,
			auth: Record<string, unknown>,
			{ headers = {} }: { headers?: Record<string, string> } = {}
		): LabClient {
			const socket = io(server.labUrl, {
				path: channelPath,
				auth,
				transports: ['websocket'],
				extraHeaders: headers,
				reconnectionDelay: 50,
				reconnectionDelayMax: 200,
				forceNew: true
			}) as LabClient;
			socket.command = (event, payload) =>
				payload === undefined ? socket.emitWithAck(event) : socket.emitWithAck(event, payload);
			socket.next = (event, timeoutMs = 3000) =>
				new Promise((resolve, reject) => {
					const timer = setTimeout(
						() => reject(new Error(`no ${event} within ${timeoutMs} ms`)),
						timeoutMs
					);
					socket.once(event, (payload) => {
						clearTimeout(timer);
						resolve(payload);
					});
				});
			sockets.push(socket);
			return socket;
		}
	};
}

/** Resolves when the socket is connected, rejects with the server's refusal. */
export function connected(socket: Socket): Promise<void> {
	return new Promise((resolve, reject) => {
		if (socket.connected) return resolve();
		socket.once('connect', () => resolve());
		socket.once('connect_error', (error: Error & { data?: { status?: number } }) =>
			reject(Object.assign(new Error(error.message), { status: error.data?.status }))
		);
	});
}
