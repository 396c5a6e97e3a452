import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { App } from '../app';
import { createLabChannel } from './lab';
import { watchSessions } from './session-watch';
import { createCollabRoute, type CollabRouteOptions } from './yjs';

export type UpgradeRoute = {
	/** True when this route owns the upgrade request. */
	claims(request: IncomingMessage): boolean;
	handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
};

export type Realtime = { close(): Promise<void> };

export type RealtimeOptions = CollabRouteOptions & {
	/** Leaves an upgrade to someone else (Vite's own HMR socket in dev). */
	skip?: (request: IncomingMessage) => boolean;
	/** How often sessions and memberships of live connections are looked at again. */
	accessCheckMs?: number;
	/** How often live activity may renew a session (tests shorten it). */
	activityEveryMs?: number;
};

function refuse(socket: Duplex, status: number, reason: string) {
	socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Attaches the realtime endpoints to the shared HTTP server: routes each WebSocket upgrade to
 * the endpoint that claims it and refuses the rest: the live documents (y-websocket on `ws`) and
 * the session channel (socket.io). Access ends through `app.connections`, which
 * capabilities reach by `ctx.revoke`; the session watch catches expiry.
 */
export function attachRealtime(
	httpServer: HttpServer,
	app: App,
	{ skip, accessCheckMs = 60_000, activityEveryMs, ...collabOptions }: RealtimeOptions = {}
): Realtime {
	const sessionWatch = watchSessions(app, app.connections, {
		intervalMs: accessCheckMs,
		activityEveryMs
	});
	const collab = createCollabRoute(app, app.documents, sessionWatch, collabOptions);
	const lab = createLabChannel(httpServer, app, sessionWatch);
	const routes: UpgradeRoute[] = [collab, lab];

	const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (skip?.(request)) return;
		const route = routes.find((r) => r.claims(request));
		if (route) return route.handle(request, socket, head);
		app.log.debug({ url: request.url }, 'refused unclaimed upgrade');
		refuse(socket, 404, 'Not Found');
	};

	httpServer.on('upgrade', onUpgrade);
	return {
		close: async () => {
			httpServer.off('upgrade', onUpgrade);
			sessionWatch.close();
			await Promise.all([collab.close(), lab.close()]);
		}
	};
}
