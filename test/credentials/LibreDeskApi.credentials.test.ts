import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CREDENTIAL_TEST_BASE_URL, LibreDeskApi } from '../../credentials/LibreDeskApi.credentials';
import { resolveServerUrl } from '../../nodes/LibreDesk/helpers/serverUrl';
import { runWorkflow } from '../harness/engine';
import { runLibreDesk } from '../nodes/LibreDesk/run';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../sandbox/libredesk/index.ts';

/**
 * The credential test's base URL is an n8n expression (it runs outside the node's code). It is
 * evaluated with n8n's real expression engine for friendly and hostile Server URLs, and must agree
 * with the transport's own check (helpers/serverUrl.ts) on every one.
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
		const expression = CREDENTIAL_TEST_BASE_URL.slice(1).replaceAll('$credentials', '$json');
		return [this.getInputData().map((_, i) => ({ json: { url: this.evaluateExpression(expression, i) as string } }))];
	}
}

const INVALID = 'https://invalid-server-url.invalid';

/** Server URL → the API base the credential test uses (INVALID = refused). */
const cases: Array<[unknown, string]> = [
	['https://desk.example.com', 'https://desk.example.com/api/v1'],
	['https://desk.example.com/', 'https://desk.example.com/api/v1'],
	['  http://192.168.1.20:9000  ', 'http://192.168.1.20:9000/api/v1'],
	['http://libre_desk:9000', 'http://libre_desk:9000/api/v1'],
	['https://example.com/helpdesk', 'https://example.com/helpdesk/api/v1'],
	['https://example.com/helpdesk/', 'https://example.com/helpdesk/api/v1'],
	['http://[::1]:9000', 'http://[::1]:9000/api/v1'],
	['https://desk.example.com/api/v1', INVALID],
	['https://desk.example.com/api/v1/', INVALID],
	['https://desk.example.com/API', INVALID],
	['https://desk.example.com//', INVALID],
	['https://desk.example.com/a/../b', INVALID],
	['https://desk.example.com/%2e%2e', INVALID],
	['https://user:pw@desk.example.com', INVALID],
	['https://evil.example#@desk.example.com', INVALID],
	['https://evil.example?.desk.example.com', INVALID],
	['https://dеsk.example.com', INVALID],
	['ftp://desk.example.com', INVALID],
	['desk.example.com', INVALID],
	['javascript:alert(1)', INVALID],
	['https://desk.example.com:0', INVALID],
	['https://desk.example.com:70000', INVALID],
	['https://desk example.com', INVALID],
	['', INVALID],
	[5, INVALID],
];

describe('LibreDeskApi credential', () => {
	it('has a Server URL, a key and a secret (both masked), Basic auth and the agents/me test', async () => {
		const credential = new LibreDeskApi();
		expect(credential.name).toBe('libreDeskApi');
		expect(credential.displayName).toBe('LibreDesk API');
		expect(credential.properties.map((property) => property.name)).toEqual(['baseUrl', 'apiKey', 'apiSecret']);
		expect(credential.properties.find((property) => property.name === 'apiSecret')?.typeOptions).toEqual({ password: true });
		expect(credential.properties.find((property) => property.name === 'apiKey')?.typeOptions).toEqual({ password: true });
		const options = { url: 'https://desk.example.com/api/v1/agents/me', headers: {} };
		expect(await credential.authenticate({ baseUrl: 'https://desk.example.com', apiKey: ' key-1\n', apiSecret: 'secret-1 ' }, options)).toEqual({
			...options,
			auth: { username: 'key-1', password: 'secret-1' },
			headers: { Accept: 'application/json' },
		});
		expect(await credential.authenticate({}, options)).toMatchObject({ auth: { username: '', password: '' } });
		expect(credential.test.request).toMatchObject({ baseURL: CREDENTIAL_TEST_BASE_URL, url: '/agents/me', method: 'GET', disableFollowRedirect: true });
	});

	it('the credential test targets only a valid server root, exactly as the transport decides', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
					{ id: 'i', name: 'Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [1, 0], parameters: { items: JSON.stringify(cases.map(([baseUrl]) => ({ baseUrl }))) } },
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
		const fromExpression = result.nodeOutputs.Evaluate[0].map((item) => item.json.url);
		expect(fromExpression).toEqual(cases.map(([, url]) => url));
		// Same decision in the transport (the same host and path; the transport lower-cases the origin).
		for (const [baseUrl, url] of cases) {
			const resolved = resolveServerUrl(baseUrl);
			expect(resolved.ok ? new URL(resolved.api).href : INVALID).toBe(url === INVALID ? INVALID : new URL(url).href);
		}
	});

	it('explains what is wrong with a refused Server URL', () => {
		expect(resolveServerUrl('https://desk.example.com/api/v1')).toEqual({
			ok: false,
			problem: 'must be the server\'s root address without /api or /api/v1 (the node adds /api/v1 itself), e.g. https://desk.example.com',
		});
		expect(resolveServerUrl('https://desk.example.com?x=1')).toMatchObject({ problem: expect.stringContaining('"?" or "#"') });
		expect(resolveServerUrl('desk.example.com')).toMatchObject({ problem: expect.stringContaining('http:// or https://') });
	});
});

describe('against the sandbox', () => {
	let sandbox: LibreDeskSandbox;
	beforeAll(async () => {
		sandbox = await startLibreDeskSandbox({ seed: false });
	});
	afterAll(async () => sandbox.close());

	it('the test request (GET /api/v1/agents/me) passes with a valid key and fails with a wrong secret', async () => {
		const basic = (secret: string) => `Basic ${Buffer.from(`${sandbox.adminKey}:${secret}`).toString('base64')}`;
		const good = await fetch(`${sandbox.url}/api/v1/agents/me`, { headers: { Authorization: basic(sandbox.adminSecret) } });
		expect(good.status).toBe(200);
		const bad = await fetch(`${sandbox.url}/api/v1/agents/me`, { headers: { Authorization: basic('wrong') } });
		expect(bad.status).toBe(401);
	});

	it('the node sends exactly Authorization: Basic base64(key:secret), trimming pasted whitespace', async () => {
		const run = await runLibreDesk(
			{ baseUrl: `${sandbox.url}/`, apiKey: ` ${sandbox.adminKey}\n`, apiSecret: `${sandbox.adminSecret} ` },
			{ resource: 'conversation', operation: 'getAll', limit: 1 },
		);
		expect(run.error).toBeUndefined();
		expect(sandbox.requests[0].headers.authorization).toBe(`Basic ${Buffer.from(`${sandbox.adminKey}:${sandbox.adminSecret}`).toString('base64')}`);
	});
});

describe('LibreDeskApi as n8n copies it', () => {
	it('keeps authenticate through a spread, which n8n uses to decide where to offer Custom API Call', () => {
		const copy = { ...new LibreDeskApi() };
		expect(typeof copy.authenticate).toBe('function');
		// n8n's JSON form of a function-authenticated credential is an empty object: still "defined".
		expect(JSON.parse(JSON.stringify({ ...copy, authenticate: typeof copy.authenticate === 'function' ? {} : copy.authenticate })).authenticate).toEqual({});
	});
});
