/**
 * Deliveries end to end without n8n: the LibreDesk sandbox sends its signed webhooks (§12.3) to a local
 * HTTP server that hands each request to the trigger's webhook() as n8n would (raw body, headers, the
 * response object) and answers the way n8n does with the result. The webhook itself is registered by
 * the trigger's own lifecycle methods.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LibreDeskTrigger } from '../../../nodes/LibreDeskTrigger/LibreDeskTrigger.node';
import { type LibreDeskSandbox, signBody, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { goJson } from '../../sandbox/libredesk/json.ts';
import { fakeHook, fakeWebhook } from './fakeHooks';

const trigger = new LibreDeskTrigger();
let sandbox: LibreDeskSandbox;
let server: Server;
let url: string;
/** The trigger's parameters and static data, as n8n keeps them for the active workflow. */
let parameters: IDataObject;
let staticData: IDataObject;
let emitted: IDataObject[];
let answers: Array<{ status: number; body: unknown }>;

beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ conversations: 20 });
	server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const fake = fakeWebhook({ rawBody: Buffer.concat(chunks), headers: req.headers, parameters, staticData });
			const result = await trigger.webhook.call(fake.context);
			// n8n: a node that wrote its own answer returns noWebhookResponse; no workflowData = answered, nothing runs.
			let status = 200;
			let body: unknown = { message: 'Workflow was started' };
			if (result.noWebhookResponse) {
				status = fake.response.status ?? 0;
				body = fake.response.body;
			} else if (result.workflowData === undefined) {
				body = result.webhookResponse;
			} else {
				emitted.push(...result.workflowData[0].map((item) => item.json));
			}
			answers.push({ status, body });
			res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/abc/webhook`;
});

afterAll(async () => {
	await sandbox?.close();
	await new Promise((resolve) => server?.close(resolve));
});

beforeEach(() => {
	sandbox.reset();
	emitted = [];
	answers = [];
	staticData = {};
	parameters = { setup: 'automatic', events: ['conversation.created'], customEvents: '', filters: {}, options: {} };
});

async function activate(): Promise<number> {
	const fake = fakeHook({ credentials: { baseUrl: sandbox.url, apiKey: sandbox.adminKey, apiSecret: sandbox.adminSecret }, url, parameters, staticData });
	const methods = trigger.webhookMethods.default;
	if (!(await methods.checkExists.call(fake.context))) await methods.create.call(fake.context);
	return staticData.webhookId as number;
}

async function post(body: Buffer, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
	const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
	return { status: response.status, body: await response.json() };
}

const signedNow = (event: string, payload: unknown, timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')) => {
	const body = Buffer.from(goJson({ event, payload, timestamp }), 'utf8');
	return { body, signature: signBody(body, String(staticData.webhookSecret)) };
};

describe('the trigger receiving the sandbox\'s signed deliveries', () => {
	it('a new conversation: exactly one item; the other event of the same email is not subscribed, so never sent', async () => {
		await activate();
		const { conversation } = sandbox.simulateIncoming({ contactEmail: 'dana@example.com', firstName: 'Dana', subject: 'Refund <order #12> & more' }) as { conversation: IDataObject };
		await sandbox.waitForDeliveries();
		expect(sandbox.webhookDeliveries.map((delivery) => [delivery.event, delivery.status])).toEqual([['conversation.created', 200]]);
		expect(sandbox.webhookDeliveries[0].body).toContain('\\u003corder #12\\u003e \\u0026 more');
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({
			event: 'conversation.created',
			conversation_uuid: conversation.uuid,
			reference_number: conversation.reference_number,
			subject: 'Refund <order #12> & more',
			status: 'Open',
			contact_email: 'dana@example.com',
			contact_name: 'Dana',
		});
		expect(emitted[0].timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('several events: one item per delivery, each in its own shape', async () => {
		parameters.events = ['conversation.created', 'message.created', 'conversation.status_changed'];
		await activate();
		const { conversation } = sandbox.simulateIncoming({ contactEmail: 'eli@example.com' }) as { conversation: IDataObject };
		const response = await fetch(`${sandbox.url}/api/v1/conversations/${String(conversation.uuid)}/status`, {
			method: 'PUT',
			headers: { authorization: `Basic ${Buffer.from(`${sandbox.adminKey}:${sandbox.adminSecret}`).toString('base64')}`, 'content-type': 'application/json' },
			body: JSON.stringify({ status: 'Resolved' }),
		});
		expect(response.status).toBe(200);
		await sandbox.waitForDeliveries();
		// No ordering between events (§12.3): compare as a set.
		const byEvent = Object.fromEntries(emitted.map((item) => [item.event, item]));
		expect(Object.keys(byEvent).sort()).toEqual(['conversation.created', 'conversation.status_changed', 'message.created']);
		expect(emitted.filter((item) => item.event === 'message.created').length).toBeGreaterThanOrEqual(1);
		expect(byEvent['conversation.status_changed']).toMatchObject({ previous_status: 'Open', new_status: 'Resolved', conversation_uuid: conversation.uuid, actor_id: 2 });
		expect(emitted.find((item) => item.event === 'message.created' && item.type === 'incoming')).toMatchObject({ conversation_uuid: conversation.uuid, sender_type: 'contact', author_email: 'eli@example.com' });
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
	});

	it('the Test button: acknowledged, nothing emitted; emitted with "Emit Test Events"', async () => {
		const id = await activate();
		const admin = { authorization: `Basic ${Buffer.from(`${sandbox.adminKey}:${sandbox.adminSecret}`).toString('base64')}` };
		await fetch(`${sandbox.url}/api/v1/webhooks/${id}/test`, { method: 'POST', headers: admin });
		expect(emitted).toEqual([]);
		expect(answers).toEqual([{ status: 200, body: { status: 'ignored', reason: 'test delivery acknowledged ("Emit Test Events" is off)' } }]);
		parameters.options = { emitTestEvents: true };
		await fetch(`${sandbox.url}/api/v1/webhooks/${id}/test`, { method: 'POST', headers: admin });
		expect(emitted).toEqual([{ event: 'webhook.test', timestamp: expect.any(String), webhook_id: id, webhook_name: 'n8n: Support inbox / LibreDesk Trigger' }]);
	});

	it('an automation event (v2.7.0 trigger_webhook) under a custom name', async () => {
		parameters.customEvents = 'vip.escalate';
		const id = await activate();
		const { conversation } = sandbox.simulateIncoming({ contactEmail: 'vip@example.com' }) as { conversation: IDataObject };
		await sandbox.waitForDeliveries();
		emitted = [];
		sandbox.triggerAutomation(id, 'vip.escalate', String(conversation.uuid), 2);
		await sandbox.waitForDeliveries();
		expect(emitted).toHaveLength(1);
		expect(emitted[0]).toMatchObject({ event: 'vip.escalate', actor_id: 2, conversation_uuid: conversation.uuid, contact_email: 'vip@example.com' });
	});

	it('filters: a conversation in another inbox is acknowledged and starts nothing', async () => {
		parameters.filters = { inboxIds: [2] };
		await activate();
		sandbox.simulateIncoming({ contactEmail: 'f1@example.com', inboxId: 1 });
		sandbox.simulateIncoming({ contactEmail: 'f2@example.com', inboxId: 2 });
		await sandbox.waitForDeliveries();
		expect(sandbox.webhookDeliveries.every((delivery) => delivery.status === 200)).toBe(true);
		expect(emitted.map((item) => item.contact_email)).toEqual(['f2@example.com']);
		expect(answers).toContainEqual({ status: 200, body: { status: 'ignored', reason: 'inbox 1 is not among the chosen inboxes' } });
	});

	it('a forged delivery (no or a wrong signature) is answered 401 and emits nothing', async () => {
		await activate();
		const { body, signature } = signedNow('conversation.created', { uuid: 'forged' });
		expect(await post(body, {})).toEqual({ status: 401, body: { status: 'refused', reason: 'no X-Libredesk-Signature header' } });
		expect(await post(body, { 'x-libredesk-signature': signBody(body, 'guessed-secret') })).toEqual({
			status: 401,
			body: { status: 'refused', reason: 'X-Libredesk-Signature does not match the body and the webhook secret' },
		});
		const tampered = Buffer.from(body.toString().replace('forged', 'forgeD'));
		expect((await post(tampered, { 'x-libredesk-signature': signature })).status).toBe(401);
		expect(emitted).toEqual([]);
		// The same bytes with the right signature would have been accepted.
		expect((await post(body, { 'x-libredesk-signature': signature })).status).toBe(200);
		expect(emitted).toHaveLength(1);
	});

	it('a replayed delivery (correctly signed, older than the window) is answered 401', async () => {
		await activate();
		const old = signedNow('conversation.created', { uuid: 'replayed' }, new Date(Date.now() - 10 * 60_000).toISOString());
		const answer = await post(old.body, { 'x-libredesk-signature': old.signature });
		expect(answer.status).toBe(401);
		expect((answer.body as IDataObject).reason).toMatch(/^the delivery is 6\d\d s old; at most 300 s are accepted \(replay protection\)$/);
		expect(emitted).toEqual([]);
	});

	it('after rotation the old secret no longer verifies', async () => {
		await activate();
		const before = String(staticData.webhookSecret);
		staticData = {};
		await activate();
		expect(staticData.webhookSecret).not.toBe(before);
		const body = Buffer.from(goJson({ event: 'conversation.created', payload: {}, timestamp: new Date().toISOString() }));
		expect((await post(body, { 'x-libredesk-signature': signBody(body, before) })).status).toBe(401);
		sandbox.simulateIncoming({ contactEmail: 'after.rotation@example.com' });
		await sandbox.waitForDeliveries();
		expect(emitted.map((item) => item.contact_email)).toEqual(['after.rotation@example.com']);
	});
});

describe('manual setup', () => {
	it('verifies deliveries of a webhook the user created in LibreDesk with the secret pasted into the node', async () => {
		const now = Date.now();
		sandbox.state.webhooks.push({ id: 77, createdAt: now, updatedAt: now, name: 'made by hand', url, events: ['conversation.created', 'message.created'], secret: 'pasted secret ✓', isActive: true });
		parameters = { setup: 'manual', webhookSecret: 'pasted secret ✓', events: [], customEvents: '', filters: {}, options: {} };
		sandbox.simulateIncoming({ contactEmail: 'manual@example.com' });
		await sandbox.waitForDeliveries();
		// Nothing chosen: every event the webhook sends is accepted.
		expect(emitted.map((item) => item.event).sort()).toEqual(['conversation.created', 'message.created']);
		parameters.webhookSecret = 'another secret';
		emitted = [];
		sandbox.simulateIncoming({ contactEmail: 'manual2@example.com' });
		await sandbox.waitForDeliveries();
		expect(emitted).toEqual([]);
		expect(sandbox.webhookDeliveries.slice(-2).map((delivery) => delivery.status)).toEqual([401, 401]);
	});
});

describe('webhook() details', () => {
	it('reads a body n8n has not read yet (readRawBody)', async () => {
		staticData = { webhookSecret: 's3cret' };
		const body = Buffer.from(goJson({ event: 'conversation.created', payload: { uuid: 'lazy' }, timestamp: new Date().toISOString() }));
		const fake = fakeWebhook({ rawBody: body, headers: { 'x-libredesk-signature': signBody(body, 's3cret') }, parameters, staticData, lazyBody: true });
		const result = await trigger.webhook.call(fake.context);
		expect(result.workflowData?.[0][0].json).toMatchObject({ event: 'conversation.created', conversation_uuid: 'lazy' });
	});

	it('refuses everything while no secret is known (static data without one), and logs why', async () => {
		const body = Buffer.from(goJson({ event: 'conversation.created', payload: {}, timestamp: new Date().toISOString() }));
		const fake = fakeWebhook({ rawBody: body, headers: { 'x-libredesk-signature': signBody(body, '') }, parameters, staticData: {} });
		expect(await trigger.webhook.call(fake.context)).toEqual({ noWebhookResponse: true });
		expect(fake.response).toEqual({ status: 401, body: { status: 'refused', reason: 'the trigger has no webhook secret to check the signature with' } });
		expect(fake.log).toEqual([
			{
				level: 'warn',
				message:
					'LibreDesk Trigger refused a delivery (HTTP 401): the trigger has no webhook secret to check the signature with. Deactivate and activate the workflow again to set a new webhook secret.',
			},
		]);
	});
});
