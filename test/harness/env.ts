// Side-effect module: engine.ts imports it FIRST, before anything from n8n-core.
// n8n-core's InstanceSettings reads N8N_USER_FOLDER when first used and would otherwise create
// ~/.n8n/config (with an encryption key) in the developer's home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-reamaze-harness-'));
}
