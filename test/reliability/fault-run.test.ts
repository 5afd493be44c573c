import type { INode } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ReamazeApi } from '../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../nodes/Reamaze/Reamaze.node';
import { runWorkflow } from '../harness/engine';
import { type FaultConfig, type Sandbox, startSandbox } from '../sandbox/reamaze/index.ts';

/**
 * Unattended-night conditions: 1,000 items against a sandbox that rate-limits, fails and drops
 * connections. Retries must lose no item, post no message twice, and keep order and pairing.
 * Prints the figures README.md quotes (`npx vitest run test/reliability`).
 */
const ITEMS = Number(process.env.FAULT_RUN_ITEMS ?? 1000);
const FAULTS: FaultConfig = {
	seed: 7,
	rate429: 0.1,
	retryAfterShare: 0.5,
	retryAfterSeconds: 0,
	rate5xx: 0.05,
	dropRate: 0.02,
	// The lost-answer case: processed, then the connection dies. Only origin_id makes a resend safe.
	dropAfterProcessRate: 0.02,
};
const FAST_RETRIES = { backoffBaseMs: 2, maxRetryWaitSeconds: 30, timeoutSeconds: 10 };

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: 11 });
});
afterAll(async () => sandbox.close());

function workflow(parameters: INode['parameters'], items: object[], continueOnFail = false) {
	return {
		nodes: [
			{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'i', name: 'Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
			{
				id: 'r',
				name: 'Re:amaze',
				type: 'CUSTOM.reamaze',
				typeVersion: 1,
				position: [400, 0],
				parameters,
				credentials: { reamazeApi: { id: '1', name: 'sandbox' } },
				...(continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			},
		] as INode[],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main' as const, index: 0 }]] },
			Items: { main: [[{ node: 'Re:amaze', type: 'main' as const, index: 0 }]] },
		},
	};
}

async function run(parameters: INode['parameters'], items: object[], continueOnFail = false) {
	const result = await runWorkflow(workflow(parameters, items, continueOnFail), {
		credentials: { reamazeApi: { brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl } },
		credentialTypes: [new ReamazeApi()],
		nodeTypes: [new Reamaze()],
	});
	return { result, output: result.nodeOutputs['Re:amaze']?.[0] ?? [] };
}

function faultCounts() {
	const counts: Record<string, number> = {};
	for (const entry of sandbox.faultLog) counts[entry.type] = (counts[entry.type] ?? 0) + 1;
	return counts;
}

describe(`fault run: ${ITEMS} items with 10% 429s, 5% 5xx, 2% drops before and 2% after processing`, () => {
	it('Message → Create: no failed item, no duplicate message, order and pairing kept', async () => {
		sandbox.reset();
		const slug = sandbox.state.conversations()[0].slug;
		const before = sandbox.state.messagesOf(slug).length;
		sandbox.setFaults(FAULTS);
		const started = Date.now();
		const { result, output } = await run(
			{
				resource: 'message',
				operation: 'create',
				conversation: { __rl: true, mode: 'slug', value: slug },
				body: '=Batch reply {{ $json.n }}',
				visibility: 1,
				additionalFields: { autoOriginId: 'executionItem' },
				requestOptions: FAST_RETRIES,
			},
			Array.from({ length: ITEMS }, (_, n) => ({ n })),
		);
		sandbox.setFaults(undefined);
		const faults = faultCounts();
		const bodies = sandbox.state.messagesOf(slug).slice(0, sandbox.state.messagesOf(slug).length - before).map((m) => m.body);
		const duplicates = bodies.length - new Set(bodies).size;
		console.log(
			`fault run, Message → Create: ${ITEMS} items, ${sandbox.requests.length} requests, injected ${JSON.stringify(faults)}, ` +
				`failed items ${ITEMS - output.length + output.filter((o) => o.json.error).length}, duplicates ${duplicates}, ${Date.now() - started} ms`,
		);
		expect(result.errors).toEqual({});
		expect(output).toHaveLength(ITEMS);
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
		expect(output.map((item) => item.json.body)).toEqual(Array.from({ length: ITEMS }, (_, n) => `Batch reply ${n}`));
		expect(bodies).toHaveLength(ITEMS);
		expect(duplicates).toBe(0);
		expect(faults['rate-limit']).toBeGreaterThan(ITEMS * 0.05);
		expect(faults['server-error']).toBeGreaterThan(0);
		expect(faults.drop).toBeGreaterThan(0);
		expect(faults['drop-after-process']).toBeGreaterThan(0);
	}, 300_000);

	it('Conversation → Update (tags added: a GET and a PUT per item): no failed item, every change applied once', async () => {
		sandbox.reset();
		const slugs = sandbox.state.conversations().slice(0, 100).map((c) => c.slug);
		sandbox.setFaults(FAULTS);
		const { result, output } = await run(
			{
				resource: 'conversation',
				operation: 'update',
				conversation: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' },
				updateFields: { tags: '=batch-{{ $json.n }}', tagsMode: 'add', customFieldsJson: '={{ JSON.stringify({ last_item: $json.n }) }}' },
				requestOptions: FAST_RETRIES,
			},
			Array.from({ length: ITEMS }, (_, n) => ({ n, slug: slugs[n % slugs.length] })),
		);
		sandbox.setFaults(undefined);
		console.log(`fault run, Conversation → Update: ${ITEMS} items, ${sandbox.requests.length} requests, injected ${JSON.stringify(faultCounts())}`);
		expect(result.errors).toEqual({});
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: ITEMS }, (_, item) => ({ item })));
		expect(output.filter((item) => item.json.error)).toEqual([]);
		slugs.forEach((slug, k) => {
			const stored = sandbox.state.findConversation(slug)!;
			const mine = Array.from({ length: ITEMS }, (_, n) => n).filter((n) => n % slugs.length === k);
			for (const n of mine) expect(stored.tagList).toContain(`batch-${n}`);
			expect(stored.data.last_item).toBe(mine[mine.length - 1]);
		});
	}, 300_000);

	it('Conversation → Create with Prevent Duplicates: the creates whose answer was lost fail, a re-run completes them, no duplicate', async () => {
		sandbox.reset();
		const before = sandbox.state.conversations().length;
		const count = Math.min(ITEMS, 300);
		const items = Array.from({ length: count }, (_, n) => ({ n }));
		const parameters = {
			resource: 'conversation',
			operation: 'create',
			subject: '=Fault run order {{ $json.n }}',
			channel: { __rl: true, mode: 'slug', value: 'support' },
			body: '=Where is order {{ $json.n }}?',
			customerEmail: '=customer{{ $json.n }}@example.com',
			additionalFields: { preventDuplicates: 'key', dedupKey: '=fault-run-{{ $json.n }}' },
			requestOptions: FAST_RETRIES,
		};
		sandbox.setFaults(FAULTS);
		const first = await run(parameters, items, true);
		const failedFirst = first.output.filter((item) => item.json.error).length;
		// The re-run a user makes after a failed execution, under the same faults.
		const second = await run(parameters, items, true);
		const failedSecond = second.output.filter((item) => item.json.error).length;
		sandbox.setFaults(undefined);
		const third = await run(parameters, items, true);
		// The sandbox keeps conversations in creation order: the new ones come after the seeded ones.
		const created = sandbox.state.conversations().slice(before);
		const keys = created.map((conversation) => conversation.data.n8n_dedup_key);
		console.log(
			`fault run, Conversation → Create with Prevent Duplicates: ${count} items, 3 runs, ${sandbox.requests.length} requests, injected ${JSON.stringify(faultCounts())}, ` +
				`failed items ${failedFirst} (first run), ${failedSecond} (re-run), ${third.output.filter((item) => item.json.error).length} (re-run without faults), ` +
				`conversations ${created.length}, duplicates ${keys.length - new Set(keys).size}`,
		);
		expect(failedFirst).toBeGreaterThan(0);
		expect(third.output.filter((item) => item.json.error)).toEqual([]);
		expect(third.output.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, item) => ({ item })));
		expect(new Set(keys)).toEqual(new Set(items.map(({ n }) => `fault-run-${n}`)));
		expect(keys).toHaveLength(count);
		// Every run returns, for each item, the one conversation of its key.
		expect(third.output.map((item) => item.json.subject)).toEqual(items.map(({ n }) => `Fault run order ${n}`));
	}, 300_000);

	it('when faults outlast the retry budget, failing items become error items under Continue On Fail and the rest succeed', async () => {
		sandbox.reset();
		const slug = sandbox.state.conversations()[1].slug;
		const before = sandbox.state.messagesOf(slug).length;
		sandbox.setFaults({ seed: 3, rate5xx: 0.6 });
		const count = 200;
		const { output } = await run(
			{
				resource: 'message',
				operation: 'create',
				conversation: { __rl: true, mode: 'slug', value: slug },
				body: '=Reply {{ $json.n }}',
				additionalFields: { autoOriginId: 'executionItem' },
				requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 0.003 },
			},
			Array.from({ length: count }, (_, n) => ({ n })),
			true,
		);
		sandbox.setFaults(undefined);
		const failed = output.filter((item) => item.json.error);
		const succeeded = output.filter((item) => !item.json.error);
		console.log(`exhausted retries: ${count} items, ${failed.length} error items, ${succeeded.length} succeeded`);
		expect(output.map((item) => item.pairedItem)).toEqual(Array.from({ length: count }, (_, item) => ({ item })));
		expect(failed.length).toBeGreaterThan(0);
		expect(succeeded.length).toBeGreaterThan(0);
		for (const item of failed) expect(item.json.error).toMatch(/^Re:amaze had a server error \(HTTP 50[0-4]\)$/);
		expect(sandbox.state.messagesOf(slug).length - before).toBe(succeeded.length);
	}, 300_000);
});
