import { defineConfig } from 'vitest/config';

/**
 * The real-n8n suites: test/e2e (n8n CLI: import + execute the example workflows against the sandbox)
 * and test/ui (the n8n editor in headless Chromium). They start n8n processes that take seconds each
 * and share ports and caches, so files run one after another, never in parallel.
 *   npm run test:e2e  → vitest run --config vitest.e2e.config.mts test/e2e
 *   npm run test:ui   → vitest run --config vitest.e2e.config.mts test/ui
 */
export default defineConfig({
	test: {
		include: ['test/e2e/**/*.test.ts', 'test/ui/**/*.test.ts'],
		environment: 'node',
		pool: 'forks',
		fileParallelism: false,
		// One `n8n execute` takes ~5 s, `n8n start` ~10 s; a first run also installs n8n (minutes).
		testTimeout: 120_000,
		hookTimeout: 15 * 60_000,
		teardownTimeout: 60_000,
		reporters: ['verbose'],
	},
});
