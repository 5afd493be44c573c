import { createServer } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { runReamazeNode } from './run';

/**
 * What a user reads in n8n when the network fails, through the real engine. n8n-workflow's
 * NodeApiError swaps a message for its stock text when it recognises a network code ("The
 * connection to the server was closed unexpectedly ... You can retry the request immediately"),
 * which invites the very resend the node refuses to make after a create that may have been
 * processed. The node's own headline must win and say whether the request may have been processed.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => {
	sandbox.setFaults(undefined);
	sandbox.reset();
});
afterAll(async () => sandbox.close());

const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });

const createConversation = {
	resource: 'conversation',
	operation: 'create',
	subject: 'Parcel lost',
	channel: { __rl: true, mode: 'slug', value: 'support' },
	body: 'Where is it?',
	customerEmail: 'carla@example.com',
};
const getConversation = { resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: 'no-matter' } };

/** A port on 127.0.0.1 where nothing listens: the connection is refused before anything is sent. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

const WRITE_RESET = {
	message: 'The connection to Re:amaze was lost; the request may have been processed',
	description:
		'Re:amaze may have received and processed the request before the connection failed (the connection was reset; network code ECONNRESET). The node did not send it again, because a second copy could create a duplicate. Check in Re:amaze whether it arrived before you re-run this item.',
};
const WRITE_TIMEOUT = {
	message: 'Re:amaze did not answer in time; the request may have been processed',
	description:
		'Re:amaze may have received and processed the request before the connection failed (no answer within 1 s, the Timeout option). The node did not send it again, because a second copy could create a duplicate. Check in Re:amaze whether it arrived before you re-run this item.',
};
const READ_RESET = {
	message: 'The connection to Re:amaze was lost; nothing was changed (a read)',
	description:
		'The connection failed before Re:amaze answered (the connection was reset; network code ECONNRESET). Reading changes nothing, so running it again is safe. Check the network and the brand or API Base URL in the Re:amaze credential.',
};
const READ_TIMEOUT = {
	message: 'Re:amaze did not answer in time; nothing was changed (a read)',
	description:
		'The connection failed before Re:amaze answered (no answer within 1 s, the Timeout option). Reading changes nothing, so running it again is safe. Check the network and the brand or API Base URL in the Re:amaze credential, or raise the Timeout option.',
};
const REFUSED = {
	message: 'Could not connect to Re:amaze: the connection was refused; nothing was sent',
	description:
		'The request never reached Re:amaze, so nothing changed and running it again is safe (network code ECONNREFUSED). Check the network and the brand or API Base URL in the Re:amaze credential.',
};

describe('network failures: the headline and description the user sees in n8n', () => {
	it('reset after Re:amaze processed a create: "may have been processed", not n8n\'s "retry immediately"', async () => {
		sandbox.setFaults({ dropAfterProcessRate: 1, methods: ['POST'] });
		const run = await runReamazeNode(createConversation, { credentials: credentials() });
		expect({ message: run.error?.message, description: run.error?.description }).toEqual(WRITE_RESET);
		expect(run.result.runData['Re:amaze'][0].error).toMatchObject(WRITE_RESET);
		// It was processed, and sent once: the advice to check before re-running is true.
		expect(sandbox.state.conversations()).toHaveLength(1);
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
	});

	it('reset on a read', async () => {
		sandbox.setFaults({ dropRate: 1, methods: ['GET'] });
		const run = await runReamazeNode({ ...getConversation, requestOptions: { maxRetryWaitSeconds: 0 } }, { credentials: credentials() });
		expect({ message: run.error?.message, description: run.error?.description }).toEqual(READ_RESET);
		expect(run.result.runData['Re:amaze'][0].error).toMatchObject(READ_RESET);
	});

	it('timeout on a create', async () => {
		// Far beyond the 1 s timeout, so a loaded machine cannot turn it into an answer.
		sandbox.setFaults({ latencyMs: 8_000, methods: ['POST'] });
		const run = await runReamazeNode({ ...createConversation, requestOptions: { timeoutSeconds: 1 } }, { credentials: credentials() });
		expect({ message: run.error?.message, description: run.error?.description }).toEqual(WRITE_TIMEOUT);
		expect(run.result.runData['Re:amaze'][0].error).toMatchObject(WRITE_TIMEOUT);
	});

	it('timeout on a read', async () => {
		sandbox.setFaults({ latencyMs: 8_000, methods: ['GET'] });
		const run = await runReamazeNode(
			{ ...getConversation, requestOptions: { timeoutSeconds: 1, maxRetryWaitSeconds: 0 } },
			{ credentials: credentials() },
		);
		expect({ message: run.error?.message, description: run.error?.description }).toEqual(READ_TIMEOUT);
		expect(run.result.runData['Re:amaze'][0].error).toMatchObject(READ_TIMEOUT);
	});

	it.each([
		['a create', createConversation],
		['a read', getConversation],
	])('connection refused on %s: nothing was sent', async (_what, parameters) => {
		const port = await closedPort();
		const run = await runReamazeNode(
			{ ...parameters, requestOptions: { maxRetryWaitSeconds: 0 } },
			{ credentials: { ...credentials(), baseUrl: `http://127.0.0.1:${port}/acme/api/v1` } },
		);
		expect({ message: run.error?.message, description: run.error?.description }).toEqual(REFUSED);
		expect(run.result.runData['Re:amaze'][0].error).toMatchObject(REFUSED);
	});

	it('under Continue On Fail the error item carries the same words', async () => {
		sandbox.setFaults({ dropAfterProcessRate: 1, methods: ['POST'] });
		const run = await runReamazeNode(createConversation, { credentials: credentials(), continueOnFail: true });
		expect(run.items.map((item) => item.json)).toEqual([{ error: WRITE_RESET.message, errorDescription: WRITE_RESET.description }]);
	});
});
