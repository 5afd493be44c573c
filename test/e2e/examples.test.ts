/**
 * The packed package inside the real n8n CLI (2.41.1): every workflow in examples/ is imported and
 * run with `n8n execute --id --rawOutput` against the Re:amaze sandbox, which runs here, in the test
 * process, while n8n runs as a child process. Both sides are checked: the items n8n printed and the
 * state the sandbox ended up in.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox, type Sandbox } from '../sandbox/index.ts';
import {
	CREDENTIAL_ID,
	CREDENTIAL_TYPE,
	NODE_TYPE,
	SANDBOX_CREDENTIAL_NAME,
	executeWorkflow,
	importCredentials,
	importWorkflows,
	loadExamples,
	loadedTypes,
	login,
	nodeOutput,
	prepareN8n,
	reamazeCredential,
	setupOwner,
	startN8nServer,
	freePort,
	tail,
	type ExecutionResult,
	type N8nContext,
	type OutputItem,
	type RawExecution,
	type WorkflowJson,
} from '../../scripts/n8n-env.ts';

const examples = loadExamples();
const failingFixture = JSON.parse(
	readFileSync(join(import.meta.dirname, 'fixtures', 'get-missing-conversation.json'), 'utf8'),
) as WorkflowJson;

let root: string;
let sandbox: Sandbox;
let n8n: N8nContext;

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'reamaze-e2e-'));
	sandbox = await startSandbox({ port: 0 });
	n8n = await prepareN8n({ userFolder: join(root, 'n8n'), log: (message) => console.log(`[e2e] ${message}`) });
	await importCredentials(n8n, [
		reamazeCredential({ brand: sandbox.brand, email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl }),
	]);
	await importWorkflows(n8n, [...examples.map((example) => example.workflow), failingFixture]);
});

afterAll(async () => {
	await sandbox?.close();
	if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

/** Runs one imported workflow; fails the test with n8n's own output when the run does not succeed. */
async function runExample(id: string): Promise<RawExecution> {
	sandbox.clearRequests();
	const result = await executeWorkflow(n8n, id);
	expect(result.code, describeRun(result)).toBe(0);
	expect(result.execution, describeRun(result)).toBeDefined();
	const execution = result.execution as RawExecution;
	expect(execution.status).toBe('success');
	expect(execution.finished).toBe(true);
	expect(execution.data.resultData.error).toBeUndefined();
	return execution;
}

function describeRun(result: ExecutionResult): string {
	return `n8n execute exited ${result.code} after ${result.ms} ms\n--- stdout\n${tail(result.stdout, 40)}\n--- stderr\n${tail(result.stderr, 40)}`;
}

function single(execution: RawExecution, node: string): Record<string, unknown> {
	const items = nodeOutput(execution, node);
	expect(items, `${node} output`).toHaveLength(1);
	expect(items[0].pairedItem, `${node} pairedItem`).toEqual({ item: 0 });
	return items[0].json;
}

function pairedIndex(item: OutputItem): number | undefined {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired)) return paired[0]?.item;
	return paired?.item;
}

const basicAuth = () => `Basic ${Buffer.from(`${sandbox.email}:${sandbox.token}`).toString('base64')}`;

describe('examples/', () => {
	it('are importable workflows that use the community-package node type and the sandbox credential', () => {
		expect(examples.map((example) => example.workflow.id).sort()).toEqual([
			'reamazeContinueOnFail',
			'reamazeLifecycle',
			'reamazeOnHold',
		]);
		for (const { file, workflow } of examples) {
			expect(workflow.id.length, file).toBeLessThanOrEqual(21);
			expect(workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger'), file).toHaveLength(1);
			const reamazeNodes = workflow.nodes.filter((node) => node.type === NODE_TYPE);
			expect(reamazeNodes.length, file).toBeGreaterThan(0);
			for (const node of reamazeNodes) {
				expect(node.credentials, `${file}: ${node.name}`).toEqual({
					[CREDENTIAL_TYPE]: { id: CREDENTIAL_ID, name: SANDBOX_CREDENTIAL_NAME },
				});
			}
			for (const node of workflow.nodes) {
				expect(node.type === NODE_TYPE || node.type.startsWith('n8n-nodes-base.'), `${file}: ${node.type}`).toBe(true);
			}
		}
	});
});

describe('in the real n8n CLI', () => {
	it('conversation-lifecycle: create → reply → internal note → update → get by slug and by reference id', async () => {
		const execution = await runExample('reamazeLifecycle');
		expect(execution.mode).toBe('cli');

		const created = single(execution, 'Create Conversation');
		expect(created.subject).toBe('Order #1001 has not arrived');
		expect(created.slug).toEqual(expect.any(String));
		expect(created.ref_id).toEqual(expect.any(String));
		expect(created.tag_list).toEqual(['order', 'shipping']);
		expect(created.status).toBe(0);
		const slug = created.slug as string;

		const reply = single(execution, 'Reply to Customer');
		expect(reply).toMatchObject({ visibility: 0, conversation: { slug } });
		expect(reply.body).toMatch(/^Thanks Jane/);
		const note = single(execution, 'Add Internal Note');
		expect(note).toMatchObject({ visibility: 1, conversation: { slug }, user: { email: sandbox.email, 'staff?': true } });

		const updated = single(execution, 'Update Conversation');
		expect(updated).toMatchObject({
			slug,
			status: 1,
			tag_list: ['order', 'shipping', 'priority'],
			assignee: { email: sandbox.email },
			data: { order_id: '1001', carrier: 'DHL' },
		});
		const bySlug = single(execution, 'Get by Slug');
		const byRef = single(execution, 'Get by Reference ID');
		for (const fetched of [bySlug, byRef]) {
			expect(fetched).toMatchObject({ slug, ref_id: created.ref_id, status: 1, data: { order_id: '1001', carrier: 'DHL' } });
		}

		// The sandbox's side of the story.
		const conversation = sandbox.state.findConversation(slug);
		expect(conversation).toBeDefined();
		expect(conversation).toMatchObject({
			subject: 'Order #1001 has not arrived',
			channelSlug: 'support',
			status: 1,
			tagList: ['order', 'shipping', 'priority'],
			data: { order_id: '1001', carrier: 'DHL' },
			assigneeId: sandbox.state.staffByEmail(sandbox.email)?.id,
			holdUntil: null,
		});
		const thread = sandbox.state.messagesOf(slug);
		expect(thread.map((message) => [message.visibility, message.sender.kind])).toEqual([
			[0, 'contact'],
			[0, 'staff'],
			[1, 'staff'],
		]);
		expect(thread[0].suppressNotifications).toBe(true);
		expect(thread[2].body).toBe(note.body);
		expect(sandbox.state.findContact('jane.doe@example.com')?.name).toBe('Jane Doe');

		// What went over the wire: the credential decrypted by n8n, add-mode tags read before the write.
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'POST /acme/api/v1/conversations 200',
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`POST /acme/api/v1/conversations/${slug}/messages 200`,
			`GET /acme/api/v1/conversations/${slug} 200`,
			`PUT /acme/api/v1/conversations/${slug} 200`,
			`GET /acme/api/v1/conversations/${slug} 200`,
			`GET /acme/api/v1/conversations/${created.ref_id as string} 200`,
		]);
		for (const request of sandbox.requests) expect(request.headers.authorization).toBe(basicAuth());
		expect(sandbox.requests[4].body).toEqual({
			conversation: {
				assignee: { email: sandbox.email },
				tag_list: ['order', 'shipping', 'priority'],
				status: 1,
				data: { order_id: '1001', carrier: 'DHL' },
			},
		});
		expect(sandbox.requests[6].query).toEqual({ id_type: 'ref' });
	});

	it('continue-on-fail: the missing conversation becomes an error item, the others succeed, all paired', async () => {
		const execution = await runExample('reamazeContinueOnFail');
		const created = single(execution, 'Create Conversation');
		const slug = created.slug as string;
		expect(nodeOutput(execution, 'Conversations to Look Up')).toHaveLength(3);

		const items = nodeOutput(execution, 'Get Conversation');
		expect(items).toHaveLength(3);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
		expect(items[0].json).toMatchObject({ slug, subject: 'Bulk pricing for 50 kettles' });
		expect(items[2].json).toMatchObject({ slug, subject: 'Bulk pricing for 50 kettles' });
		expect(Object.keys(items[1].json)).toEqual(expect.arrayContaining(['error']));
		expect(items[1].json.slug).toBeUndefined();
		expect(String(items[1].json.error)).toMatch(/no-such-conversation-404/);
		// The node reports its own error item; n8n still counts the node (and the run) as a success.
		expect(execution.data.resultData.runData['Get Conversation'][0].executionStatus).toBe('success');

		expect(sandbox.state.findConversation(slug)?.channelSlug).toBe('sales');
		expect(sandbox.state.findConversation('no-such-conversation-404')).toBeUndefined();
		expect(sandbox.requests.filter((request) => request.method === 'GET').map((request) => `${request.path} ${request.status}`)).toEqual([
			`/acme/api/v1/conversations/${slug} 200`,
			'/acme/api/v1/conversations/no-such-conversation-404 404',
			`/acme/api/v1/conversations/${slug} 200`,
		]);
	});

	it('on-hold: status 5 with a hold_until three days ahead', async () => {
		const before = Date.now();
		const execution = await runExample('reamazeOnHold');
		const created = single(execution, 'Create Conversation');
		const held = single(execution, 'Put On Hold');
		expect(held).toMatchObject({ slug: created.slug, status: 5 });
		expect(held.hold_until).toEqual(expect.any(String));

		const conversation = sandbox.state.findConversation(created.slug as string);
		expect(conversation?.status).toBe(5);
		const holdUntil = conversation?.holdUntil as number;
		// `$now.plus({ days: 3 }).startOf('hour')`: within the hour before now + 3 days.
		const threeDays = 3 * 24 * 3_600_000;
		expect(holdUntil).toBeGreaterThan(before + threeDays - 3_600_000 - 60_000);
		expect(holdUntil).toBeLessThanOrEqual(Date.now() + threeDays);
		expect(Date.parse(held.hold_until as string)).toBe(holdUntil);
		const put = sandbox.requests.find((request) => request.method === 'PUT');
		expect(put?.body).toEqual({ conversation: { status: 5, hold_until: expect.any(String) } });
	});

	it('a failing item without Continue On Fail fails the run: exit code 1 and the node error in the output', async () => {
		sandbox.clearRequests();
		const result = await executeWorkflow(n8n, failingFixture.id);
		expect(result.code, describeRun(result)).toBe(1);
		const execution = result.execution as RawExecution;
		expect(execution, describeRun(result)).toBeDefined();
		expect(execution.status).toBe('error');
		expect(execution.data.resultData.lastNodeExecuted).toBe('Get Conversation');
		expect(execution.data.resultData.error?.message).toMatch(/no-such-conversation-e2e/);
		expect(execution.data.resultData.runData['Get Conversation'][0].executionStatus).toBe('error');
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
			'GET /acme/api/v1/conversations/no-such-conversation-e2e 404',
		]);
	});

	it('n8n start lists the node and the credential type in the editor', async () => {
		const server = await startN8nServer(n8n, { port: await freePort() });
		try {
			expect(await setupOwner(server.url)).toBe(true);
			const types = await loadedTypes(server.url, await login(server.url));
			const node = types.nodes.find((type) => type.name === NODE_TYPE);
			expect(node).toMatchObject({ displayName: 'Re:amaze', version: 1 });
			// usableAsTool: n8n derives the AI-agent tool variant.
			expect(types.nodes.map((type) => type.name)).toContain(`${NODE_TYPE}Tool`);
			expect(types.credentials.find((type) => type.name === CREDENTIAL_TYPE)).toMatchObject({ displayName: 'Re:amaze API' });
		} finally {
			await server.stop();
		}
		expect(server.child.exitCode !== null || server.child.signalCode !== null).toBe(true);
	});
});
