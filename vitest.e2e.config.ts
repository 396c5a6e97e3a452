import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests (`npm run test:e2e`): each file starts the built app (build/main/index.js) and
 * drives it with Chromium. Deliberately without the SvelteKit and Paraglide plugins: the tests
 * talk to the built server, they only need `$lib` for shared types and helpers.
 */
export default defineConfig({
	resolve: { alias: { $lib: path.resolve(import.meta.dirname, 'src/lib') } },
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		// Every file starts its own server and browser; on two cores that is plenty at a time.
		fileParallelism: false
	}
});
