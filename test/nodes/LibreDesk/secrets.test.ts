import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { credentialsOf, runLibreDesk, type Who } from './run';

/**
 * The API secret acts as an agent. On every error path it must not appear in outputs, error
 * messages, descriptions or the execution data n8n stores; neither may the Basic header that
 * carries it. Hostile Server URLs must not send any request at all.
 */
let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 10 });
});
afterAll(async () => sandbox.close());
afterEach(() => sandbox.setFaults(undefined));

const fast = { requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 0.01, timeoutSeconds: 3 } };
const create = { resource: 'conversation', operation: 'create', inboxId: 1, contactEmail: 'c@example.com', firstName: 'C', content: 'hi', initiator: 'agent', ...fast };
const get = (uuid: string) => ({ resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'uuid', value: uuid }, ...fast });

type Case = [string, Record<string, unknown>, { who?: Who; secret?: string; faults?: object }];
const cases = (): Case[] => [
	['wrong secret (401)', create, { secret: 'wrong-secret' }],
	['disabled agent (401)', create, { who: 'disabled' }],
	['missing permission (403)', create, { who: 'agent' }],
	['unknown conversation (404)', get('00000000-0000-4000-8000-000000000000'), {}],
	['refused input (400)', { ...create, inboxId: 999 }, {}],
	['rate limited (429)', create, { faults: { rate429: 1, seed: 1 } }],
	['server error (5xx)', get(sandbox.state.conversations[0].uuid), { faults: { rate5xx: 1, seed: 1 } }],
	['HTML error page', create, { faults: { htmlErrorRate: 1, seed: 1 } }],
	['malformed JSON', create, { faults: { malformedJsonRate: 1, seed: 1 } }],
	['dropped connection', create, { faults: { dropRate: 1, seed: 1 } }],
	['bad input', { ...create, contactEmail: 'nope' }, {}],
	['bad update', { resource: 'conversation', operation: 'update', conversation: { __rl: true, mode: 'uuid', value: sandbox.state.conversations[0].uuid }, updateFields: { status: 'Nope' }, ...fast }, {}],
];

describe('the secret never appears in errors, outputs or execution data', () => {
	it('on every error path, with and without Continue On Fail', async () => {
		for (const [name, parameters, setup] of cases()) {
			const credentials = credentialsOf(sandbox, setup.who ?? 'admin');
			if (setup.secret) credentials.apiSecret = setup.secret;
			const basic = Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64');
			sandbox.setFaults(setup.faults as never);
			for (const continueOnFail of [false, true]) {
				const run = await runLibreDesk(credentials, parameters, { continueOnFail });
				const serialized = JSON.stringify({
					runData: run.result.runData,
					items: run.items,
					message: run.error?.message,
					description: run.error?.description,
					error: run.error,
					cause: (run.error as { cause?: unknown } | undefined)?.cause,
				});
				expect(continueOnFail ? run.items[0]?.json.error : run.error?.message, name).toBeTruthy();
				expect(serialized, name).not.toContain(credentials.apiSecret);
				expect(serialized, name).not.toContain(basic);
			}
		}
	});
});

describe('hostile Server URLs send no request at all', () => {
	const attempts: string[] = [];
	beforeAll(() => {
		nock.disableNetConnect();
		nock.emitter.on('no match', (req: { hostname?: string; host?: string; url?: string }) => attempts.push(String(req.url ?? req.hostname ?? req.host)));
	});
	afterAll(() => {
		nock.emitter.removeAllListeners('no match');
		nock.enableNetConnect();
	});

	it.each([
		'https://evil.example#@desk.example.com',
		'https://evil.example?.desk.example.com',
		'https://user:pw@desk.example.com',
		'https://dеsk.example.com',
		'javascript:alert(1)',
		'https://desk.example.com/api/v1',
		'desk.example.com',
		'',
	])('%s', async (baseUrl) => {
		attempts.length = 0;
		const run = await runLibreDesk({ baseUrl, apiKey: 'key', apiSecret: 'SENTINEL-secret' }, get('7d692b95-73dc-4f53-9343-6ed47a3db903'));
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(/^LibreDesk credential: Server URL /);
		expect(JSON.stringify(run.error)).not.toContain('SENTINEL-secret');
		expect(attempts).toEqual([]);
	});
});
