import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * In-process micro-benchmarks (test/bench), which print figures and are not part of `npm test`:
 * `bash scripts/node24.sh npx vitest run --config vitest.bench.config.mts`. `npm run bench` runs scripts/bench.ts.
 */
export default defineConfig({
	resolve: { alias: { 'n8n-workflow': require.resolve('n8n-workflow') } },
	test: {
		include: ['test/bench/**/*.bench.test.ts'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 300_000,
		env: { N8N_USER_FOLDER: '.tmp/n8n-user-folder', N8N_LOG_LEVEL: 'silent' },
	},
});
