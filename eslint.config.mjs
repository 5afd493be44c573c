// n8n's own community-node lint set (the one `n8n-node lint` and n8n's reviewers use).
import { config } from '@n8n/node-cli/eslint';

export default config;
