/** `npm run sandbox:libredesk`: a local LibreDesk API to point the node's credential at; stays up until Ctrl-C / SIGTERM. */
import { parseArgs } from 'node:util';
import { startLibreDeskSandbox } from './index.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		seed: { type: 'string' },
		version: { type: 'string' },
		conversations: { type: 'string' },
	},
});
const port = Number(values.port ?? process.env.LIBREDESK_SANDBOX_PORT ?? 4020);
const seed = values.seed === undefined ? true : values.seed === 'false' ? false : Number(values.seed);
const conversations = values.conversations === undefined ? undefined : Number(values.conversations);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port}`);
if (typeof seed === 'number' && !Number.isInteger(seed)) throw new Error(`Invalid --seed: ${values.seed} (an integer or false)`);
if (conversations !== undefined && !(Number.isInteger(conversations) && conversations >= 0)) throw new Error(`Invalid --conversations: ${values.conversations}`);

const sandbox = await startLibreDeskSandbox({ port, host: values.host, seed, version: values.version, conversations });
console.log(`LibreDesk sandbox ${sandbox.version} listening on ${sandbox.url}   (API under ${sandbox.url}/api/v1)
  Server URL     : ${sandbox.url}
  Admin key      : ${sandbox.adminKey}
  Admin secret   : ${sandbox.adminSecret}
  Agent key      : ${sandbox.agentKey}
  Agent secret   : ${sandbox.agentSecret}
  Integration key: ${sandbox.integrationKey}   (Admin + messages:write_as_contact)
  Integration sec: ${sandbox.integrationSecret}

  curl -H 'Authorization: token ${sandbox.adminKey}:${sandbox.adminSecret}' ${sandbox.url}/api/v1/agents/me

  Control: GET ${sandbox.url}/__sandbox/state · POST /__sandbox/reset · POST /__sandbox/faults
           POST /__sandbox/simulate · POST /__sandbox/automation · GET /__sandbox/deliveries?wait=1
Press Ctrl-C to stop.`);

const stop = () => {
	sandbox.close().then(
		() => process.exit(0),
		() => process.exit(1),
	);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
