import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { runReamazeNode } from '../nodes/Reamaze/run';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

/**
 * The API token acts as a staff user. Every error path runs with a sentinel token, which must not
 * appear in outputs, error messages, descriptions or the serialized execution data n8n stores;
 * and no hostile credential value may send a request anywhere.
 */
const SENTINEL = 'SENTINEL-secret-token-4e7d21';
const EMAIL = 'owner@acme.test';
const BASIC = Buffer.from(`${EMAIL}:${SENTINEL}`).toString('base64');

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: false, token: SENTINEL, email: EMAIL });
});
afterAll(async () => sandbox.close());
afterEach(() => sandbox.setFaults(undefined));

const fast = { requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 0.01, timeoutSeconds: 2 } };
const create = {
	resource: 'conversation',
	operation: 'create',
	subject: 'Secret test',
	channel: { __rl: true, mode: 'slug', value: 'support' },
	body: 'hello',
	customerEmail: 'c@example.com',
	...fast,
};

const errorPaths: Array<[string, Parameters<typeof runReamazeNode>[0], { apiToken?: string; faults?: object }]> = [
	['wrong token (403)', create, { apiToken: `${SENTINEL}-wrong` }],
	['unknown conversation (404)', { resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: 'nope' }, ...fast }, {}],
	['unknown channel (422)', { ...create, channel: { __rl: true, mode: 'slug', value: 'no-such-channel' } }, {}],
	['update of an unknown conversation (404)', { resource: 'conversation', operation: 'update', conversation: { __rl: true, mode: 'slug', value: 'nope' }, updateFields: { tags: 'x' }, ...fast }, {}],
	['rate limited (429)', create, { faults: { rate429: 1, seed: 1 } }],
	['server error (5xx)', create, { faults: { rate5xx: 1, seed: 1 } }],
	['HTML error page', create, { faults: { htmlErrorRate: 1, seed: 1 } }],
	['malformed JSON', create, { faults: { malformedJsonRate: 1, seed: 1 } }],
	['dropped connection', create, { faults: { dropRate: 1, seed: 1 } }],
	['bad input', { ...create, customerEmail: 'nope' }, {}],
];

describe('the token never appears in errors, outputs or execution data', () => {
	it.each(errorPaths)('%s', async (_name, parameters, setup) => {
		if (setup.faults) sandbox.setFaults(setup.faults);
		for (const continueOnFail of [false, true]) {
			const run = await runReamazeNode(parameters, {
				continueOnFail,
				credentials: { brand: 'acme', email: EMAIL, apiToken: setup.apiToken ?? SENTINEL, baseUrl: sandbox.baseUrl },
			});
			const serialized = JSON.stringify({
				runData: run.result.runData,
				items: run.items,
				message: run.error?.message,
				description: run.error?.description,
				error: run.error,
				cause: (run.error as { cause?: unknown } | undefined)?.cause,
			});
			expect(continueOnFail ? run.items[0]?.json.error : run.error?.message).toBeTruthy();
			expect(serialized).not.toContain(SENTINEL);
			expect(serialized).not.toContain(BASIC);
		}
	});
});

describe('hostile brand and base URL values send no request at all', () => {
	const attempts: string[] = [];
	beforeAll(() => {
		nock.disableNetConnect();
		nock.emitter.on('no match', (req: { hostname?: string; host?: string; url?: string }) => {
			attempts.push(String(req.url ?? req.hostname ?? req.host));
		});
	});
	afterAll(() => {
		nock.emitter.removeAllListeners('no match');
		nock.enableNetConnect();
	});

	it.each([
		{ brand: 'evil.com#' },
		{ brand: 'a/b' },
		{ brand: 'x@y' },
		{ brand: '..' },
		{ brand: '' },
		{ brand: 'аcme' /* Cyrillic а */ },
		{ brand: 'acme.evil.com' },
		{ brand: 'acme', baseUrl: 'http://evil.example/api/v1' },
		{ brand: 'acme', baseUrl: 'https://user:pw@evil.example/api/v1' },
		{ brand: 'acme', baseUrl: 'https://evil.example#@acme.reamaze.io' },
		{ brand: 'acme', baseUrl: 'https://аcme.reamaze.io/api/v1' },
		{ brand: 'acme', baseUrl: 'javascript:alert(1)' },
		{ brand: 'acme', baseUrl: 'http://10.0.0.1/api/v1' },
	])('%j', async (credentials) => {
		attempts.length = 0;
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: 'x' } },
			{ credentials: { email: EMAIL, apiToken: SENTINEL, baseUrl: '', ...credentials } },
		);
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toMatch(/^Re:amaze credential: (Brand|API Base URL) /);
		expect(attempts).toEqual([]);
	});
});
