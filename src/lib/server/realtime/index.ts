import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { closeCode } from '../../protocol/collab';
import type { AccessRevoked, App } from '../app';
import { createCollabRoute, type CollabRouteOptions } from './yjs';

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
 * Attaches the realtime endpoints to the shared HTTP server: routes each WebSocket upgrade to
 * the endpoint that claims it and refuses the rest. `skip` leaves Vite's own HMR socket alone.
 */
export function attachRealtime(
	httpServer: HttpServer,
	app: App,
	{
		skip,
		...collabOptions
	}: { skip?: (request: IncomingMessage) => boolean } & CollabRouteOptions = {}
): Realtime {
	const collab = createCollabRoute(app, app.documents, collabOptions);
	const routes: UpgradeRoute[] = [collab];

	const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (skip?.(request)) return;
		const route = routes.find((r) => r.claims(request));
		if (route) return route.handle(request, socket, head);
		app.log.debug({ url: request.url }, 'refused unclaimed upgrade');
		refuse(socket, 404, 'Not Found');
	};
	const onRevoked = ({ reason, ...filter }: AccessRevoked) => {
		collab.disconnect(
			filter,
			filter.caseId ? closeCode.forbidden : closeCode.unauthenticated,
			reason
		);
	};

	httpServer.on('upgrade', onUpgrade);
	app.events.on('access-revoked', onRevoked);
	return {
		close: async () => {
			httpServer.off('upgrade', onUpgrade);
			app.events.off('access-revoked', onRevoked);
			await collab.close();
		}
	};
}
