import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { App } from '../app';

export type UpgradeRoute = {
	/** True when this route owns the upgrade request. */
	claims(request: IncomingMessage): boolean;
	handle(request: IncomingMessage, socket: Duplex, head: Buffer): void;
};

export type Realtime = { close(): Promise<void> };

function refuse(socket: Duplex, status: number, reason: string) {
	socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Routes WebSocket upgrades on the shared HTTP server to the route that claims them and refuses
 * the rest. `skip` lets dev leave Vite's own HMR socket alone.
 */
export function attachRealtime(
	httpServer: HttpServer,
	app: App,
	options: { routes?: UpgradeRoute[]; skip?: (request: IncomingMessage) => boolean } = {}
): Realtime {
	const routes = options.routes ?? [];
	const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (options.skip?.(request)) return;
		const route = routes.find((r) => r.claims(request));
		if (route) return route.handle(request, socket, head);
		app.log.debug({ url: request.url }, 'refused unclaimed upgrade');
		refuse(socket, 404, 'Not Found');
	};
	httpServer.on('upgrade', onUpgrade);
	return {
		close: async () => {
			httpServer.off('upgrade', onUpgrade);
		}
	};
}
