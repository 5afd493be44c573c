import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/** `npm run bench`: the benchmark files, which print figures and are not part of `npm test`. */
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
