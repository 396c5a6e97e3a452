import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getApp } from '$lib/server/app-instance';
import { attachRealtime } from '$lib/server/realtime';

/**
 * Production entry: one HTTP server for SvelteKit (adapter-node's handler) and the realtime
 * endpoints. Built to build/main/index.js by vite.server.config.ts.
 */
const app = await getApp();
// adapter-node takes https when ORIGIN is unset, which refuses every form post on a plain local
// start; so default to http://localhost:<port>. Anywhere else, serve over https and set ORIGIN.
process.env.ORIGIN ??= app.config.origin ?? `http://localhost:${app.config.port}`;
const handlerUrl = pathToFileURL(path.resolve(import.meta.dirname, '..', 'handler.js')).href;
const { handler } = (await import(handlerUrl)) as { handler: http.RequestListener };

const server = http.createServer(handler);
const realtime = attachRealtime(server, app);

server.listen(app.config.port, app.config.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : app.config.port;
	app.log.info(
		{ host: app.config.host, port },
		`Maatwerklab listening on http://localhost:${port}`
	);
});

let stopping = false;
async function stop(signal: string) {
	if (stopping) return;
	stopping = true;
	app.log.info({ signal }, 'shutting down');
	await realtime.close();
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
	await app.close();
	process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
