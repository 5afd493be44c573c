/**
 * The LibreDesk Trigger inside the real n8n CLI, installed from the packed tarball, against the LibreDesk
 * sandbox (which runs in this test process and delivers signed webhooks, libredesk-api.md §12.3, to n8n's webhook URL).
 *
 * Under `n8n start`, through the editor's REST API as the owner: activating a workflow registers exactly
 * one webhook in the sandbox; a new conversation produces exactly one execution with the expected item;
 * forged deliveries are answered 401 and produce none; deactivating removes the webhook; re-activating
 * registers one again, never two. Before that, examples/libredesk/trigger-with-catch-up.json runs its
 * catch-up path with `n8n execute` (twice: the second run lets nothing through, everything was seen).
 * Every wait is for a condition (the executions API, the sandbox's delivery queue), never a fixed time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXAMPLES_DIR, executeWorkflow, type ExecutionResult, freePort, importCredentials, importWorkflows, loadedTypes, login, type N8nContext, type N8nServer, n8nVersion, nodeOutput, PACKAGE_NAME, prepareN8n, type RawExecution, setupOwner, startN8nServer, tail, type WorkflowJson } from '../../scripts/n8n-env.ts';
import { type LibreDeskSandbox, signBody, startLibreDeskSandbox } from '../sandbox/libredesk/index.ts';
import { goJson } from '../sandbox/libredesk/json.ts';

const TRIGGER_TYPE = `${PACKAGE_NAME}.libreDeskTrigger`;
/** The id examples/libredesk/*.json use for the LibreDesk credential. */
const CREDENTIAL = { id: 'LibreDeskSandbox01', name: 'LibreDesk sandbox' };
const WEBHOOK_ID = '0b6f5a0e-9c2d-4d8e-a7f1-5e3c2b1a0d99';

const example = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'libredesk', 'trigger-with-catch-up.json'), 'utf8')) as WorkflowJson;

const triggerWorkflow: WorkflowJson = {
	// n8n keeps static data (where the trigger's secret lives) only for ids of at most 16 characters in
	// 1.x (21 in 2.x), the length of the ids it generates itself.
	id: 'ldTriggerE2e0001',
	name: 'e2e: LibreDesk Trigger, new conversation',
	active: false,
	nodes: [
		{
			id: 'c0ffee00-0000-4000-8000-000000000001',
			name: 'New Conversation',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: { events: ['conversation.created'], options: {} },
			credentials: { libreDeskApi: CREDENTIAL },
		},
		{
			id: 'c0ffee00-0000-4000-8000-000000000002',
			name: 'Received',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [240, 0],
			parameters: {},
		},
	],
	connections: { 'New Conversation': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
	settings: { executionOrder: 'v1' },
};

let root: string;
let sandbox: LibreDeskSandbox;
let n8n: N8nContext;
const timings: string[] = [];

async function timed<T>(what: string, run: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await run();
	} finally {
		timings.push(`${what}: ${Date.now() - started} ms`);
	}
}

/** n8n's REST API sends execution data in the `flatted` format; n8n's own copy reads it. */
function parseFlatted(text: string): unknown {
	const fromN8n = createRequire(join(dirname(dirname(n8n.bin)), 'n8n', 'package.json'));
	return (fromN8n('flatted') as { parse(text: string): unknown }).parse(text);
}

function describeRun(result: ExecutionResult): string {
	return `n8n execute exited ${result.code} after ${result.ms} ms\n--- stdout\n${tail(result.stdout, 40)}\n--- stderr\n${tail(result.stderr, 40)}`;
}

beforeAll(async () => {
	root = mkdtempSync(join(tmpdir(), 'libredesk-trigger-e2e-'));
	sandbox = await startLibreDeskSandbox({ port: 0, conversations: 60 });
	n8n = await timed('build, pack and install', () =>
		prepareN8n({ userFolder: join(root, 'n8n'), log: (message) => console.log(`[e2e] ${message}`) }),
	);
	await importCredentials(n8n, [
		{ ...CREDENTIAL, type: 'libreDeskApi', data: { baseUrl: sandbox.url, apiKey: sandbox.adminKey, apiSecret: sandbox.adminSecret } },
	]);
	await importWorkflows(n8n, [example, triggerWorkflow]);
});

afterAll(async () => {
	console.log(`[e2e] timings (n8n ${n8nVersion()}):\n  ${timings.join('\n  ')}`);
	await sandbox?.close();
	if (root && !process.env.KEEP_E2E) rmSync(root, { recursive: true, force: true });
});

describe('examples/libredesk/trigger-with-catch-up.json', () => {
	it('uses the trigger and the LibreDesk node with the sandbox credential', () => {
		// Longer ids lose the node's static data in n8n 1.x, and with it the trigger's webhook secret.
		expect(example.id.length).toBeLessThanOrEqual(16);
		const trigger = example.nodes.find((node) => node.type === TRIGGER_TYPE);
		expect(trigger?.credentials?.libreDeskApi).toEqual(CREDENTIAL);
		expect(trigger?.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		const list = example.nodes.find((node) => node.type === `${PACKAGE_NAME}.libreDesk`);
		expect(list?.parameters).toMatchObject({ resource: 'conversation', operation: 'getAll', sort: 'newestActivity' });
		expect(example.nodes.filter((node) => node.type === 'n8n-nodes-base.manualTrigger')).toHaveLength(1);
	});

	it('the catch-up path lists the conversations created since yesterday and lets each through once', async () => {
		// The seed spreads conversations over 90 days; two new ones make sure "since yesterday" is not empty.
		sandbox.simulateIncoming({ contactEmail: 'catch.up.1@example.com', subject: 'Catch-up one' });
		sandbox.simulateIncoming({ contactEmail: 'catch.up.2@example.com', subject: 'Catch-up two' });
		await sandbox.waitForDeliveries();
		const since = Date.now() - 2 * 86_400_000;
		const recent = sandbox.state.conversations.filter((conversation) => conversation.createdAt >= since).length;
		const first = await timed('n8n execute (catch-up, 1st)', () => executeWorkflow(n8n, example.id));
		expect(first.code, describeRun(first)).toBe(0);
		const execution = first.execution as RawExecution;
		expect(execution.status, JSON.stringify(execution.data.resultData.error ?? execution.data.resultData.runData['Conversations Since Yesterday']?.[0]?.error ?? null)).toBe('success');
		const listed = nodeOutput(execution, 'Conversations Since Yesterday');
		const handled = nodeOutput(execution, 'Your Steps Here');
		// Created since yesterday's start (the server's day): at most the last two days of the seed.
		expect(listed.length).toBeGreaterThanOrEqual(2);
		expect(listed.map((item) => item.json.subject)).toEqual(expect.arrayContaining(['Catch-up one', 'Catch-up two']));
		expect(listed.length).toBeLessThanOrEqual(recent);
		expect(handled.map((item) => item.json.uuid)).toEqual(listed.map((item) => item.json.uuid));
		expect(new Set(handled.map((item) => item.json.uuid)).size).toBe(handled.length);

		const second = await timed('n8n execute (catch-up, 2nd)', () => executeWorkflow(n8n, example.id));
		expect(second.code, describeRun(second)).toBe(0);
		const again = second.execution as RawExecution;
		expect(nodeOutput(again, 'Conversations Since Yesterday')).toHaveLength(listed.length);
		expect(again.data.resultData.runData['Your Steps Here']?.[0]?.data?.main?.[0] ?? []).toEqual([]);
	});
});

describe(`the LibreDesk Trigger under n8n start (n8n ${n8nVersion()})`, () => {
	let server: N8nServer;
	let cookie: string;
	const workflowId = triggerWorkflow.id;

	interface ExecutionSummary {
		id: string;
		mode: string;
		status: string;
	}

	beforeAll(async () => {
		server = await timed('n8n start', async () => await startN8nServer(n8n, { port: await freePort() }));
		expect(await setupOwner(server.url)).toBe(true);
		cookie = await login(server.url);
	});

	afterAll(async () => {
		if (!server) return;
		await server.stop();
	});

	/** The editor's REST API as the signed-in owner; answers `{ data }`. */
	async function rest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${server.url}/rest${path}`, {
			method,
			headers: { cookie, 'browser-id': 'n8n-nodes-reamaze-scripts', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		expect(response.status, `${method} /rest${path}: ${text.slice(0, 500)}`).toBe(200);
		return (JSON.parse(text) as { data: T }).data;
	}

	const executions = async () =>
		(await rest<{ results: ExecutionSummary[] }>('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results;

	async function waitFor(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!(await done())) {
			if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (n8n log: ${server.logFile})`);
			await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
		}
	}

	/** Waits until n8n has stored `count` finished executions of the workflow; returns them newest first. */
	async function settledExecutions(count: number): Promise<ExecutionSummary[]> {
		let runs: ExecutionSummary[] = [];
		await waitFor(`${count} finished execution(s)`, async () => {
			runs = await executions();
			return runs.length >= count && runs.every((run) => run.status !== 'running' && run.status !== 'new');
		});
		return runs;
	}

	async function emittedBy(executionId: string): Promise<Array<Record<string, unknown>>> {
		const detail = await rest<{ data: string }>('GET', `/executions/${executionId}`);
		const run = { data: parseFlatted(detail.data) } as RawExecution;
		return nodeOutput(run, 'New Conversation').map((item) => item.json);
	}

	/** The production URL answers for the trigger: an unsigned POST gets the trigger's 401, not n8n's 404 for unknown webhooks. */
	const serving = async (url: string) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status === 401;

	/**
	 * n8n 2.x publishes an activation through an outbox: the REST call returns before the trigger's
	 * checkExists/create ran. Done = the sandbox holds a webhook and n8n serves its URL.
	 */
	const activate = async () => {
		const { versionId } = await rest<{ versionId: string }>('GET', `/workflows/${workflowId}`);
		const activated = await rest<{ active: boolean }>('POST', `/workflows/${workflowId}/activate`, { versionId });
		expect(activated.active).toBe(true);
		await waitFor('the webhook to be registered in LibreDesk', () => sandbox.state.webhooks.length > 0);
		await waitFor('n8n to serve the webhook URL', () => serving(sandbox.state.webhooks[0].url));
	};
	const deactivate = async () => {
		await rest('POST', `/workflows/${workflowId}/deactivate`, {});
		await waitFor('the webhook to be deleted in LibreDesk', () => sandbox.state.webhooks.length === 0);
	};

	it('lists the trigger in the editor', async () => {
		const types = await loadedTypes(server.url, cookie);
		expect(types.nodes.find((type) => type.name === TRIGGER_TYPE)).toMatchObject({ displayName: 'LibreDesk Trigger', version: 1 });
	});

	it('registers one webhook, runs once per conversation, refuses forgeries, removes itself, and re-registers only one', async () => {
		expect(sandbox.state.webhooks).toEqual([]);
		sandbox.clearRequests();

		// Activation: exactly one webhook, pointing at this workflow's production URL.
		await timed('activate (register webhook)', activate);
		let deactivated = false;
		try {
			const seen = () => `sandbox requests: ${sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`).join(', ') || 'none'}; n8n log: ${server.logFile}`;
			expect(sandbox.state.webhooks, seen()).toHaveLength(1);
			const [webhook] = sandbox.state.webhooks;
			expect(webhook).toMatchObject({ events: ['conversation.created'], isActive: true });
			expect(webhook.url).toBe(`${server.url}/webhook/${WEBHOOK_ID}/webhook`);
			expect(webhook.secret).toMatch(/^[0-9a-f]{64}$/);
			expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
				'GET /api/v1/webhooks 200',
				'GET /api/v1/webhooks 200',
				'POST /api/v1/webhooks 200',
			]);
			// The unsigned probe that showed the URL is served was refused: no execution.
			expect(await executions()).toEqual([]);

			// A conversation created in LibreDesk: one signed delivery, one execution, the expected item.
			const started = Date.now();
			const { conversation } = sandbox.simulateIncoming({
				contactEmail: 'robin.e2e@example.com',
				firstName: 'Robin',
				lastName: 'Trigger',
				subject: 'E2E: parcel <damaged> & late',
				content: 'The box arrived crushed.',
			}) as { conversation: Record<string, unknown> };
			await sandbox.waitForDeliveries();
			expect(sandbox.webhookDeliveries.map((delivery) => [delivery.event, delivery.status, delivery.error])).toEqual([['conversation.created', 200, undefined]]);
			const [first] = await settledExecutions(1);
			timings.push(`conversation created → execution stored: ${Date.now() - started} ms`);
			expect(first).toMatchObject({ mode: 'webhook', status: 'success' });
			const items = await emittedBy(first.id);
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				event: 'conversation.created',
				conversation_uuid: conversation.uuid,
				reference_number: conversation.reference_number,
				subject: 'E2E: parcel <damaged> & late',
				status: 'Open',
				contact_email: 'robin.e2e@example.com',
				contact_name: 'Robin Trigger',
				last_message_sender: 'contact',
			});
			expect(items[0]).not.toHaveProperty('raw');

			// Forged deliveries straight to the webhook URL: 401, no execution.
			const forged = Buffer.from(goJson({ event: 'conversation.created', payload: { uuid: 'forged', subject: 'Forged' }, timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') }));
			for (const signature of [undefined, signBody(forged, 'guessed-secret'), `sha256=${'0'.repeat(64)}`]) {
				const response = await fetch(webhook.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...(signature ? { 'x-libredesk-signature': signature } : {}) },
					body: forged,
				});
				expect(response.status, String(signature)).toBe(401);
				expect(((await response.json()) as { status: string }).status).toBe('refused');
			}
			// A replay: a genuine delivery's exact bytes and signature, dated outside the 5-minute window.
			const replayed = Buffer.from(goJson({ event: 'conversation.created', payload: { uuid: 'replayed' }, timestamp: new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z') }));
			const replay = await fetch(webhook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-libredesk-signature': signBody(replayed, webhook.secret) }, body: replayed });
			expect(replay.status).toBe(401);

			// A genuine event after the forgeries: once its execution is stored, the forgeries (sent earlier) made none.
			const { conversation: second } = sandbox.simulateIncoming({ contactEmail: 'second.e2e@example.com', subject: 'E2E: second' }) as { conversation: Record<string, unknown> };
			await sandbox.waitForDeliveries();
			const runs = await settledExecutions(2);
			expect(runs).toHaveLength(2);
			expect((await emittedBy(runs[0].id))[0]).toMatchObject({ conversation_uuid: second.uuid, subject: 'E2E: second' });
			// Still exactly one webhook (nothing registered a second one after the first checks).
			expect(sandbox.state.webhooks.map((entry) => entry.id)).toEqual([webhook.id]);

			// Deactivation removes the webhook.
			sandbox.clearRequests();
			await timed('deactivate (delete webhook)', deactivate);
			deactivated = true;
			expect(sandbox.state.webhooks).toEqual([]);
			expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
				'GET /api/v1/webhooks 200',
				`DELETE /api/v1/webhooks/${webhook.id} 200`,
			]);
			// Nothing delivers to n8n any more.
			sandbox.simulateIncoming({ contactEmail: 'while.inactive@example.com' });
			await sandbox.waitForDeliveries();
			expect(sandbox.webhookDeliveries).toHaveLength(2);

			// Re-activation: one webhook again, never two; a new conversation runs the workflow once.
			await timed('re-activate', activate);
			deactivated = false;
			expect(sandbox.state.webhooks).toHaveLength(1);
			expect(sandbox.state.webhooks[0].url).toBe(webhook.url);
			const { conversation: third } = sandbox.simulateIncoming({ contactEmail: 'third.e2e@example.com', subject: 'E2E: after re-activation' }) as { conversation: Record<string, unknown> };
			await sandbox.waitForDeliveries();
			expect(sandbox.webhookDeliveries.filter((delivery) => delivery.url === webhook.url).map((delivery) => delivery.status)).toEqual([200, 200, 200]);
			const final = await settledExecutions(3);
			expect(final).toHaveLength(3);
			expect((await emittedBy(final[0].id))[0]).toMatchObject({ conversation_uuid: third.uuid });
			expect(sandbox.state.webhooks).toHaveLength(1);
			expect(sandbox.requests.filter((request) => request.method === 'POST').map((request) => request.path)).toEqual(['/api/v1/webhooks']);
		} finally {
			if (!deactivated) await deactivate();
		}
		expect(sandbox.state.webhooks).toEqual([]);
	});
});
