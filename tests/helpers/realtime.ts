import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createApp, type App, type AppOverrides } from '$lib/server/app';
import { createSession } from '$lib/server/auth';
import { defaultSessionLimits } from '$lib/server/config';
import type { Actor } from '$lib/server/context';
import {
	attachRealtime,
	type Realtime,
	type RealtimeOptions as AttachOptions
} from '$lib/server/realtime';
import { channelNamespace } from '$lib/protocol/channel';
import { caseDocumentName, collabPath, persistedAcksParam } from '$lib/protocol/collab';
import { silentLog, type TestDatabase } from './database';

export type RealtimeServer = {
	app: App;
	/** ws://127.0.0.1:<port>/collab */
	collabUrl: string;
	/** http://127.0.0.1:<port>/lab, for socket.io clients (with `path: channelPath`) */
	labUrl: string;
	port: number;
	/** A session token for the actor, for the Authorization header. */
	tokenFor(actor: Actor): Promise<string>;
	close(): Promise<void>;
};

/** The realtime endpoints on a real HTTP server on a free loopback port, over the test database. */
export type RealtimeOptions = Omit<AttachOptions, 'skip'> & {
	/** The app's own options, besides the database and log that the test provides. */
	app?: Omit<AppOverrides, 'database' | 'log'>;
	/** Listen on this port (a restart on the port of a server that stopped); a free one if unset. */
	port?: number;
};

export async function startRealtimeServer(
	t: TestDatabase,
	{ app: overrides = {}, port: wantedPort = 0, ...realtimeOptions }: RealtimeOptions = {}
): Promise<RealtimeServer> {
	const database = { ...t.database, close: async () => {} }; // the test helper owns it
	const app = await createApp(
		{
			databaseUrl: undefined,
			dataDir: '',
			port: 0,
			host: '127.0.0.1',
			origin: undefined,
			logLevel: 'silent',
			sessionLimits: defaultSessionLimits,
			setupToken: undefined
		},
		{ ...overrides, database, log: silentLog }
	);
	const server = http.createServer((_, response) => response.writeHead(404).end());
	const realtime: Realtime = attachRealtime(server, app, realtimeOptions);
	await new Promise<void>((resolve) => server.listen(wantedPort, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		app,
		port,
		collabUrl: `ws://127.0.0.1:${port}${collabPath}`,
		labUrl: `http://127.0.0.1:${port}${channelNamespace}`,
		tokenFor: async (actor) => (await createSession(t.ctx(actor), actor.id)).token,
		close: async () => {
			await realtime.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await app.close();
		}
	};
}

/** A WebSocket class that sends the bearer token, for y-websocket's WebSocketPolyfill option. */
export function authenticatedWebSocket(token: string, extraHeaders: Record<string, string> = {}) {
	return class extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { authorization: `Bearer ${token}`, ...extraHeaders } });
		}
	};
}

export type Client = { doc: Y.Doc; provider: WebsocketProvider; destroy(): void };

/**
 * A real y-websocket client on a case document. `acks` asks for the server's `persisted`
 * messages; register a handler for them (`provider.messageHandlers[messageType.persisted]`).
 */
export function connectClient(
	server: RealtimeServer,
	caseId: string,
	token: string,
	doc = new Y.Doc(),
	options: { acks?: boolean } = {}
): Client {
	const provider = new WebsocketProvider(server.collabUrl, caseDocumentName(caseId), doc, {
		WebSocketPolyfill: authenticatedWebSocket(token) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 200,
		params: options.acks ? { ...persistedAcksParam } : {}
	});
	return {
		doc,
		provider,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}

export type RealtimeTestServer = {
	/** Starts the server for the current test; it is closed after the test. */
	start(options?: RealtimeOptions): Promise<RealtimeServer>;
	/** The server `start` gave (throws before it). */
	readonly server: RealtimeServer;
	/** A client of `actor` on the case, with a fresh session token; destroyed after the test. */
	connect(
		caseId: string,
		actor: Actor,
		options?: { doc?: Y.Doc; acks?: boolean; token?: string }
	): Promise<Client>;
	/** The clients `connect` gave in this test, in order. */
	readonly clients: Client[];
};

/**
 * A realtime server per test, for a `describe` block: the server and every client connected
 * through `connect` are closed after each test.
 */
export function useRealtimeServer(t: TestDatabase): RealtimeTestServer {
	let current: RealtimeServer | undefined;
	const clients: Client[] = [];
	afterEach(async () => {
		clients.splice(0).forEach((client) => client.destroy());
		await current?.close();
		current = undefined;
	});
	const started = () => {
		if (!current) throw new Error('start() the realtime server first');
		return current;
	};
	return {
		start: async (options = {}) => (current = await startRealtimeServer(t, options)),
		get server() {
			return started();
		},
		connect: async (caseId, actor, { doc, acks, token } = {}) => {
			const server = started();
			const client = connectClient(server, caseId, token ?? (await server.tokenFor(actor)), doc, {
				acks
			});
			clients.push(client);
			return client;
		},
		clients
	};
}

export function waitFor(
	condition: () => boolean,
	timeoutMs = 5000,
	what = 'condition'
): Promise<void> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const poll = () => {
			if (condition()) return resolve();
			if (Date.now() - started > timeoutMs)
				return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(poll, 10);
		};
		poll();
	});
}

export const waitForSync = (client: Client) => waitFor(() => client.provider.synced, 5000, 'sync');
