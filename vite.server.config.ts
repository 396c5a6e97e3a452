import path from 'node:path';
import { defineConfig } from 'vite';

/** Builds the production entry (server/index.ts) next to adapter-node's output. */
export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	build: {
		ssr: 'server/index.ts',
		outDir: 'build/main',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: { output: { entryFileNames: 'index.js' } }
	}
});
