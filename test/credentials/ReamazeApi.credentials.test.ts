import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { CREDENTIAL_TEST_BASE_URL, CREDENTIAL_TEST_RULES, ReamazeApi } from '../../credentials/ReamazeApi.credentials';
import { runWorkflow } from '../harness/engine';

/**
 * The credential test's base URL is an n8n expression (it runs outside the node's code). Evaluate it
 * with n8n's real expression engine, with `$credentials` fed from each item, for friendly and
 * hostile values.
 */
class EvaluateBaseUrl implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Evaluate',
		name: 'evaluate',
		group: ['transform'],
		version: 1,
		description: 'test only',
		defaults: { name: 'Evaluate' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// evaluateExpression takes the template without n8n's leading "=".
		const expression = CREDENTIAL_TEST_BASE_URL.slice(1).replaceAll('$credentials', '$json');
		return [this.getInputData().map((_, i) => ({ json: { url: this.evaluateExpression(expression, i) as string } }))];
	}
}

const cases: Array<[{ brand?: unknown; baseUrl?: string }, string]> = [
	[{ brand: 'acme' }, 'https://acme.reamaze.io/api/v1'],
	[{ brand: 'acme-2' , baseUrl: '' }, 'https://acme-2.reamaze.io/api/v1'],
	[{ brand: 'evil.com#' }, 'https://invalid-brand.invalid'],
	[{ brand: 'a/b' }, 'https://invalid-brand.invalid'],
	[{ brand: 'x@y' }, 'https://invalid-brand.invalid'],
	[{ brand: '..' }, 'https://invalid-brand.invalid'],
	[{ brand: '' }, 'https://invalid-brand.invalid'],
	[{ brand: 'аcme' }, 'https://invalid-brand.invalid'],
	[{ brand: 'acme', baseUrl: 'http://127.0.0.1:4010/acme/api/v1/' }, 'http://127.0.0.1:4010/acme/api/v1'],
	[{ brand: 'acme', baseUrl: 'https://proxy.example.com/reamaze' }, 'https://proxy.example.com/reamaze'],
	[{ brand: 'acme', baseUrl: 'http://proxy.example.com/reamaze' }, 'https://invalid-base-url.invalid'],
	[{ brand: 'acme', baseUrl: 'https://user:pw@evil.example/' }, 'https://invalid-base-url.invalid'],
	[{ brand: 'acme', baseUrl: 'https://evil.example#.reamaze.io' }, 'https://invalid-base-url.invalid'],
	[{ brand: 'acme', baseUrl: 'https://evil.example?.reamaze.io' }, 'https://invalid-base-url.invalid'],
];

describe('ReamazeApi credential', () => {
	it('uses Basic auth with the login email and token, and asks for JSON', async () => {
		const credential = new ReamazeApi();
		expect(credential.name).toBe('reamazeApi');
		const options = { url: 'https://acme.reamaze.io/api/v1/channels', method: 'GET' as const, headers: { 'Content-Type': 'application/json' }, qs: { page: 2 } };
		const authenticated = await credential.authenticate({ brand: 'acme', email: 'ann@example.com', apiToken: 't0k3n' }, options);
		expect(authenticated).toEqual({
			...options,
			auth: { username: 'ann@example.com', password: 't0k3n' },
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		});
		// The options n8n passes in are left as they were (each attempt of the node authenticates its own copy).
		expect(options.headers).toEqual({ 'Content-Type': 'application/json' });
		expect(credential.properties.find((p) => p.name === 'apiToken')?.typeOptions).toEqual({ password: true });
		expect(credential.test.request).toMatchObject({ url: '/channels', method: 'GET', disableFollowRedirect: true });
	});

	it('the credential test only ever targets the brand host, an https override or localhost', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'i', name: 'Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [1, 0], parameters: { items: JSON.stringify(cases.map(([c]) => c)) } },
					{ id: 'e', name: 'Evaluate', type: 'evaluate', typeVersion: 1, position: [2, 0], parameters: {} },
				],
				connections: {
					Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
					Items: { main: [[{ node: 'Evaluate', type: 'main', index: 0 }]] },
				},
			},
			{ nodeTypes: [new EvaluateBaseUrl()] },
		);
		expect(result.errors).toEqual({});
		expect(result.nodeOutputs.Evaluate[0].map((item) => item.json.url)).toEqual(cases.map(([, url]) => url));
	});

	it('is found in "Create credential" by typing "reamaze" or "re:amaze" (n8n matches the display name, ignoring case)', () => {
		const name = new ReamazeApi().displayName.toLowerCase();
		expect(name).toContain('reamaze');
		expect(name).toContain('re:amaze');
	});

	it('answers a refused test with the advice the node gives, not the bare status text', () => {
		const credential = new ReamazeApi();
		expect(credential.test.rules).toBe(CREDENTIAL_TEST_RULES);
		const message = (status: number) =>
			CREDENTIAL_TEST_RULES.find((rule) => rule.type === 'responseCode' && rule.properties.value === status)?.properties.message;
		// Re:amaze answers a wrong token with 403 (docs/reamaze-api.md §5); the sandbox does the same.
		expect(message(403)).toMatch(/^Re:amaze refused access \(HTTP 403\).*Check the Login Email and API Token\./);
		expect(message(401)).toMatch(/^Re:amaze did not accept the credentials \(HTTP 401\)\. Check the Login Email and API Token\./);
		expect(message(404)).toMatch(/check the Brand/);
		for (const status of [301, 302, 307, 308]) expect(message(status)).toContain(`redirect (HTTP ${status})`);
		expect(message(429)).toContain('rate limit');
		for (const rule of CREDENTIAL_TEST_RULES) expect(rule.properties.message).not.toMatch(/^(Forbidden|Unauthorized|Not Found)$/);
	});
});

describe('ReamazeApi as n8n copies it', () => {
	it('keeps authenticate through a spread, which n8n uses to decide where to offer Custom API Call', () => {
		const copy = { ...new ReamazeApi() };
		expect(typeof copy.authenticate).toBe('function');
		// n8n's JSON form of a function-authenticated credential is an empty object: still "defined".
		expect(JSON.parse(JSON.stringify({ ...copy, authenticate: typeof copy.authenticate === 'function' ? {} : copy.authenticate })).authenticate).toEqual({});
	});
});
