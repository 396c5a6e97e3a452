import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Dev: the same realtime wiring as server/index.ts, on Vite's own HTTP server. */
function realtimeDevPlugin(): Plugin {
	return {
		name: 'maatwerklab-realtime',
		configureServer(server) {
			const httpServer = server.httpServer as HttpServer | null;
			if (!httpServer) return; // middleware mode (vitest): no sockets to serve
			// Loaded through Vite once it listens, so $lib resolves and the app is the one the
			// pages use (the instance lives on globalThis, see app-instance.ts).
			httpServer.once('listening', async () => {
				const { getApp } = await server.ssrLoadModule('/src/lib/server/app-instance.ts');
				const { attachRealtime } = await server.ssrLoadModule('/src/lib/server/realtime/index.ts');
				const app = await getApp();
				const realtime = attachRealtime(httpServer, app, {
					// Vite's HMR socket shares the server; it answers those upgrades itself.
					skip: (request: IncomingMessage) =>
						String(request.headers['sec-websocket-protocol'] ?? '').startsWith('vite-')
				});
				httpServer.once('close', () => void realtime.close().then(() => app.close()));
			});
		}
	};
}

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'baseLocale']
		}),
		sveltekit(),
		realtimeDevPlugin()
	],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// Vitest's default on two cores is one worker; most files wait on a database or a socket,
		// so two run side by side in about two thirds of the time.
		maxWorkers: 2
	}
});
