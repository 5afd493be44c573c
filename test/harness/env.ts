// Side-effect module: engine.ts imports it FIRST, before anything from n8n-core.
// n8n-core's InstanceSettings reads N8N_USER_FOLDER when first used and would otherwise create
// ~/.n8n/config (with an encryption key) in the developer's home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-reamaze-harness-'));
}

// n8n-core's ErrorReporter logs every node error (message and stack) through n8n's logger.
// runWorkflow returns those errors to the test, so keep test output quiet unless asked for
// (N8N_LOG_LEVEL=debug to see the engine's own logging).
if (!process.env.N8N_LOG_LEVEL) {
	process.env.N8N_LOG_LEVEL = 'silent';
}
