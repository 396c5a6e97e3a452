import path from 'node:path';
import { defineConfig } from 'vite';

/** Builds the production entry (server/index.ts) and the demo loader next to adapter-node's output. */
export default defineConfig({
	resolve: { alias: { $lib: path.resolve('src/lib') } },
	build: {
		ssr: true,
		outDir: 'build/main',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: {
			input: { index: 'server/index.ts', demo: 'server/demo.ts' },
			output: { entryFileNames: '[name].js' }
		}
	}
});
