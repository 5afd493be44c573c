// n8n's own community-node lint set (the one `n8n-node lint` and n8n's reviewers use), with inline
// `eslint-disable` comments ignored: n8n's verification scan ignores them too, so a rule silenced
// here would still fail the package there (scripts/lint-tarball.ts lints the way the scan does).
import { config } from '@n8n/node-cli/eslint';

export default [...config, { linterOptions: { noInlineConfig: true } }];
