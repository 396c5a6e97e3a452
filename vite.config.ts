import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Server as HttpServer } from 'node:http';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Dev: the same realtime wiring as server/index.ts, on Vite's own HTTP server. */
function realtimeDevPlugin(): Plugin {
	return {
		name: 'maatwerklab-realtime',
		async configureServer(server) {
			if (!server.httpServer) return;
			const { getApp } = await server.ssrLoadModule('/src/lib/server/app-instance.ts');
			const { attachRealtime } = await server.ssrLoadModule('/src/lib/server/realtime/index.ts');
			const app = await getApp();
			const realtime = attachRealtime(server.httpServer as HttpServer, app, {
				// Vite's HMR socket shares the server; it answers those upgrades itself.
				skip: (request: { headers: Record<string, unknown> }) =>
					String(request.headers['sec-websocket-protocol'] ?? '').startsWith('vite-')
			});
			server.httpServer.once('close', () => {
				void realtime.close().then(() => app.close());
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
		hookTimeout: 60_000
	}
});
