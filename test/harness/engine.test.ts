import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IConnections,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { Expression, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runWorkflow } from './engine';

// ---- helpers -----------------------------------------------------------------------------------

let nextId = 0;
function node(name: string, type: string, parameters: INode['parameters'] = {}, extra: Partial<INode> = {}): INode {
	nextId += 1;
	return { id: `node-${nextId}`, name, type, typeVersion: 1, position: [nextId * 200, 0], parameters, ...extra };
}

/** Connects the nodes in a straight line: a → b → c. */
function chain(...names: string[]): IConnections {
	const connections: IConnections = {};
	for (let i = 0; i < names.length - 1; i++) {
		connections[names[i]] = { main: [[{ node: names[i + 1], type: NodeConnectionTypes.Main, index: 0 }]] };
	}
	return connections;
}

const settings = { executionOrder: 'v1' as const };

function description(name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription {
	return {
		displayName: name,
		name,
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
		...extra,
	};
}

// ---- test-only node and credential types -------------------------------------------------------

const testBasicApi: ICredentialType = {
	name: 'testBasicApi',
	displayName: 'Test Basic API',
	properties: [
		{ displayName: 'Email', name: 'email', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' },
	],
	authenticate: {
		type: 'generic',
		properties: {
			auth: { username: '={{$credentials.email}}', password: '={{$credentials.token}}' },
			headers: { Accept: 'application/json' },
		},
	},
};

/** GETs parameter `url` with testBasicApi credentials and outputs the JSON response. */
const httpNode: INodeType = {
	description: description('testHttp', {
		credentials: [{ name: 'testBasicApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const url = this.getNodeParameter('url', 0) as string;
		const body = (await this.helpers.httpRequestWithAuthentication.call(this, 'testBasicApi', {
			method: 'GET',
			url,
			json: true,
		})) as IDataObject;
		return [[{ json: body, pairedItem: { item: 0 } }]];
	},
};

/** Fails on the first item marked `bad` with a NodeOperationError carrying its itemIndex. */
const throwerNode: INodeType = {
	description: description('testThrower'),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		items.forEach((item, itemIndex) => {
			if (item.json.bad === true) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex} is bad`, {
					itemIndex,
					description: 'The second item has no id',
				});
			}
		});
		return [items];
	},
};

/** Outputs parameters `a` and `b` per item, so the test sees what the expressions resolved to. */
const echoNode: INodeType = {
	description: description('testEcho', {
		properties: [
			{ displayName: 'A', name: 'a', type: 'string', default: '' },
			{ displayName: 'B', name: 'b', type: 'string', default: '' },
		],
	}),
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, i) => ({
				json: { a: this.getNodeParameter('a', i), b: this.getNodeParameter('b', i) },
				pairedItem: { item: i },
			})),
		];
	},
};

// ---- tests -------------------------------------------------------------------------------------

describe('harness: runWorkflow in n8n-core WorkflowExecute', () => {
	it('Manual Trigger → Test Items emits the given items with pairedItem', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					node('Trigger', 'n8n-nodes-base.manualTrigger'),
					node('Test Items', 'n8n-nodes-base.items', { items: '[{"id":1,"name":"a"},{"id":2,"name":"b"}]' }),
				],
				connections: chain('Trigger', 'Test Items'),
				settings,
			},
			{},
		);

		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);
		expect(result.nodeOutputs['Trigger']).toEqual([[{ json: {}, pairedItem: { item: 0 } }]]);
		expect(result.nodeOutputs['Test Items']).toEqual([
			[
				{ json: { id: 1, name: 'a' }, pairedItem: { item: 0 } },
				{ json: { id: 2, name: 'b' }, pairedItem: { item: 0 } },
			],
		]);
		expect(Object.keys(result.runData)).toEqual(['Trigger', 'Test Items']);
	});

	describe('httpRequestWithAuthentication with a generic basic-auth credential', () => {
		let server: Server;
		let baseUrl: string;
		const seen: IncomingHttpHeaders[] = [];

		beforeAll(async () => {
			server = createServer((req, res) => {
				seen.push(req.headers);
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ ok: true, path: req.url }));
			});
			server.listen(0, '127.0.0.1');
			await once(server, 'listening');
			baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		afterAll(() => server.close());

		it('sends exactly Basic base64(email:token) and the Accept header of the credential type', async () => {
			const email = 'agent@example.com';
			const token = 's3cr3t:tok';
			const result = await runWorkflow(
				{
					nodes: [
						node('Trigger', 'n8n-nodes-base.manualTrigger'),
						node('HTTP', 'CUSTOM.testHttp', { url: `${baseUrl}/check?x=1` }, {
							credentials: { testBasicApi: { id: '1', name: 'Test Basic account' } },
						}),
					],
					connections: chain('Trigger', 'HTTP'),
					settings,
				},
				{ credentials: { testBasicApi: { email, token } }, credentialTypes: [testBasicApi], nodeTypes: [httpNode] },
			);

			expect(result.errors).toEqual({});
			expect(result.nodeOutputs['HTTP']).toEqual([[{ json: { ok: true, path: '/check?x=1' }, pairedItem: { item: 0 } }]]);
			expect(seen).toHaveLength(1);
			expect(seen[0].authorization).toBe(`Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`);
			expect(seen[0].authorization).toBe('Basic YWdlbnRAZXhhbXBsZS5jb206czNjcjN0OnRvaw==');
			expect(seen[0].accept).toBe('application/json');
		});
	});

	describe('node errors', () => {
		const workflow = (onError?: INode['onError']) => ({
			nodes: [
				node('Trigger', 'n8n-nodes-base.manualTrigger'),
				node('Test Items', 'n8n-nodes-base.items', { items: '[{"id":1},{"id":2,"bad":true}]' }),
				node('Thrower', 'testThrower', {}, onError ? { onError } : {}),
				node('After', 'testEcho', { a: '={{ $json.id }}', b: 'x' }),
			],
			connections: chain('Trigger', 'Test Items', 'Thrower', 'After'),
			settings,
		});

		it('resolves with the thrown NodeOperationError instance under errors[node] and finished=false', async () => {
			const result = await runWorkflow(workflow(), { nodeTypes: [throwerNode, echoNode] });

			expect(result.finished).toBe(false);
			expect(Object.keys(result.errors)).toEqual(['Thrower']);
			const error = result.errors['Thrower'] as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toBe('Item 1 is bad');
			expect(error.description).toBe('The second item has no id');
			expect(error.context.itemIndex).toBe(1);
			expect(result.runData['Thrower'][0].error?.message).toBe('Item 1 is bad');
			expect(result.nodeOutputs['After']).toBeUndefined();
		});

		it("onError 'continueRegularOutput' lets the engine pass the input on and finish", async () => {
			const result = await runWorkflow(workflow('continueRegularOutput'), { nodeTypes: [throwerNode, echoNode] });

			expect(result.finished).toBe(true);
			expect(result.errors['Thrower']).toBeInstanceOf(NodeOperationError);
			expect(result.nodeOutputs['After']).toEqual([
				[
					{ json: { a: 1, b: 'x' }, pairedItem: { item: 0 } },
					{ json: { a: 2, b: 'x' }, pairedItem: { item: 1 } },
				],
			]);
		});
	});

	it('resolves expressions between nodes ($json and $() with paired items) in the vm engine', async () => {
		const result = await runWorkflow(
			{
				nodes: [
					node('Trigger', 'n8n-nodes-base.manualTrigger'),
					node('Test Items', 'n8n-nodes-base.items', { items: '[{"x":"first"},{"x":"second"}]' }),
					node('Echo', 'testEcho', { a: '={{ $json.x }}-a', b: "={{ $('Test Items').item.json.x.toUpperCase() }}" }),
				],
				connections: chain('Trigger', 'Test Items', 'Echo'),
				settings,
			},
			{ nodeTypes: [echoNode] },
		);

		expect(result.errors).toEqual({});
		expect(result.nodeOutputs['Echo']).toEqual([
			[
				{ json: { a: 'first-a', b: 'FIRST' }, pairedItem: { item: 0 } },
				{ json: { a: 'second-a', b: 'SECOND' }, pairedItem: { item: 1 } },
			],
		]);
		// The CLI's default engine (isolated-vm) evaluated these, not the legacy in-process one.
		expect(Expression.getActiveImplementation()).toBe(process.env.N8N_EXPRESSION_ENGINE ?? 'vm');
	});
});
