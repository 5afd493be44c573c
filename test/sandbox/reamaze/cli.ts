/** `npm run sandbox`: a local Re:amaze API to point the node's credential at; stays up until Ctrl-C / SIGTERM. */
import { parseArgs } from 'node:util';
import { startSandbox } from './index.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string' },
		host: { type: 'string' },
		seed: { type: 'string' },
		conversations: { type: 'string' },
	},
});
const port = Number(values.port ?? process.env.SANDBOX_PORT ?? 4010);
const seed = values.seed === undefined ? true : values.seed === 'false' ? false : Number(values.seed);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port ?? process.env.SANDBOX_PORT}`);
if (typeof seed === 'number' && !Number.isInteger(seed)) throw new Error(`Invalid --seed: ${values.seed} (an integer or false)`);
const conversations = values.conversations === undefined ? undefined : Number(values.conversations);

const sandbox = await startSandbox({ port, host: values.host, seed, conversations });
console.log(`Re:amaze sandbox listening on ${sandbox.url}
  API base URL : ${sandbox.baseUrl}
  brand        : ${sandbox.brand}  (second brand: ${sandbox.brand}-eu)
  login email  : ${sandbox.email}
  API token    : ${sandbox.token}

  curl -u '${sandbox.email}:${sandbox.token}' -H 'Accept: application/json' '${sandbox.baseUrl}/conversations'

  Faults: curl -X POST -H 'Content-Type: application/json' -d '{"rate429":0.2,"retryAfterShare":1}' ${sandbox.url}/__sandbox/faults
Press Ctrl-C to stop.`);

const stop = () => {
	sandbox.close().then(
		() => process.exit(0),
		() => process.exit(1),
	);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
