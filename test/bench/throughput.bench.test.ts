import type { INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ReamazeApi } from '../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../nodes/Reamaze/Reamaze.node';
import { buildCreateConversationBody } from '../../nodes/Reamaze/resources/conversation/create';
import { DEFAULT_CONCURRENCY } from '../../nodes/shared/options';
import { runWorkflow } from '../harness/engine';
import { type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

/**
 * In-process micro-benchmarks (n8n's WorkflowExecute in this process, no n8n CLI): figures printed, never
 * asserted as timings. `bash scripts/node24.sh npx vitest run --config vitest.bench.config.mts`.
 * `npm run bench` (scripts/bench.ts) is the real benchmark: the packed package in the n8n CLI, side by side
 * with n8n's HTTP Request node and a raw client. Each case checks only that the work was done, so a broken
 * run cannot print a fast figure.
 */
const figures: string[] = [];
let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: 5 });
});
afterAll(async () => {
	await sandbox.close();
	console.log(`\nbenchmark figures (${process.version}, ${process.platform}/${process.arch})\n${figures.join('\n')}\n`);
});

function time<T>(fn: () => T): [T, number] {
	const start = process.hrtime.bigint();
	const result = fn();
	return [result, Number(process.hrtime.bigint() - start) / 1e6];
}

async function runNode(parameters: INode['parameters'], items: object[]) {
	const start = process.hrtime.bigint();
	const result = await runWorkflow(
		{
			nodes: [
				{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'i', name: 'Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [1, 0], parameters: { items: JSON.stringify(items) } },
				{ id: 'r', name: 'Re:amaze', type: 'CUSTOM.reamaze', typeVersion: 1, position: [2, 0], parameters, credentials: { reamazeApi: { id: '1', name: 's' } } },
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Re:amaze', type: 'main', index: 0 }]] },
			},
		},
		{
			credentials: { reamazeApi: { brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl } },
			credentialTypes: [new ReamazeApi()],
			nodeTypes: [new Reamaze()],
		},
	);
	return { result, ms: Number(process.hrtime.bigint() - start) / 1e6, output: result.nodeOutputs['Re:amaze']?.[0] ?? [] };
}

describe('benchmarks', () => {
	it('payload builder: Conversation → Create with every field', () => {
		const input = {
			subject: 'Where is my order?',
			channel: { __rl: true, mode: 'slug', value: 'support' },
			body: 'It has been two weeks.',
			customerEmail: 'bob@example.com',
			customerName: 'Bob',
			additional: {
				tags: 'refund, priority',
				status: 5,
				holdUntil: '2026-12-01T09:00:00Z',
				customFieldsJson: '{"plan":"pro"}',
				recipients: 'ops@example.com, +12223334444',
				attachmentUrls: 'https://example.com/a.pdf, https://example.com/b.pdf',
				suppressNotifications: true,
				suppressSurveys: 'beforeDate',
				suppressSurveysBefore: '2026-12-24',
			},
		};
		const n = 100_000;
		const [, ms] = time(() => {
			for (let i = 0; i < n; i++) buildCreateConversationBody(input);
		});
		figures.push(`payload builder (create conversation, all fields): ${Math.round((n / ms) * 1000).toLocaleString('en')} bodies/s`);
		expect(buildCreateConversationBody(input)).toHaveProperty('conversation.message.attachments');
	});

	it('engine: Message → Create, 1,000 items against the local sandbox', async () => {
		const slug = sandbox.state.conversations()[0].slug;
		const { ms, output } = await runNode(
			{ resource: 'message', operation: 'create', conversation: { __rl: true, mode: 'slug', value: slug }, body: '=Reply {{ $json.n }}', visibility: 1 },
			Array.from({ length: 1000 }, (_, n) => ({ n })),
		);
		figures.push(`engine, Message → Create x1000 (no latency): ${ms.toFixed(0)} ms, ${(1000 / (ms / 1000)).toFixed(0)} items/s, ${(ms / 1000).toFixed(2)} ms/item`);
		expect(output).toHaveLength(1000);
	}, 120_000);

	it('engine: Conversation → Get, 100 items with 50 ms API latency', async () => {
		sandbox.setFaults({ latencyMs: 50 });
		const slugs = sandbox.state.conversations().slice(0, 100).map((c) => c.slug);
		const { ms, output } = await runNode(
			{ resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' } },
			slugs.map((slug) => ({ slug })),
		);
		sandbox.setFaults(undefined);
		figures.push(`engine, Conversation → Get x100 at 50 ms latency: ${ms.toFixed(0)} ms (${(ms / 100).toFixed(1)} ms/item, ${DEFAULT_CONCURRENCY} items at a time)`);
		expect(output).toHaveLength(100);
	}, 120_000);

	it('engine: Conversation → Get Many, Return All with filter=all', async () => {
		const total = sandbox.state.conversations().length;
		sandbox.clearRequests();
		const { ms, output } = await runNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: true, simplify: true, filters: { filter: 'all' } },
			[{}],
		);
		figures.push(`engine, Conversation → Get Many (Return All): ${output.length} conversations in ${sandbox.requests.length} requests, ${ms.toFixed(0)} ms`);
		expect(output).toHaveLength(total);
	}, 120_000);
});
