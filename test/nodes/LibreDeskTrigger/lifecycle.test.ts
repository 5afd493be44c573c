/**
 * checkExists / create / delete of the LibreDesk Trigger against the LibreDesk sandbox, through the node's
 * own webhookMethods and the LibreDesk transport (§12.2).
 */
import { NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LibreDeskTrigger } from '../../../nodes/LibreDeskTrigger/LibreDeskTrigger.node';
import { webhookApi } from '../../../nodes/LibreDeskTrigger/webhookApi';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { fakeHook, type FakeHook, type LibreDeskCredentials } from './fakeHooks';

const MASK = '\u2022'.repeat(10);
const PROD_URL = 'http://127.0.0.1:5678/webhook/9f1c1b9e-0d1d-4d55-9b7a-3f3d2e6f0c11/webhook';
const TEST_URL = 'http://127.0.0.1:5678/webhook-test/9f1c1b9e-0d1d-4d55-9b7a-3f3d2e6f0c11/webhook';
const EVENTS = ['message.created', 'conversation.created'];

let sandbox: LibreDeskSandbox;
let admin: LibreDeskCredentials;
const methods = new LibreDeskTrigger().webhookMethods.default;

beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: false });
	admin = { baseUrl: sandbox.url, apiKey: sandbox.adminKey, apiSecret: sandbox.adminSecret };
});

afterAll(async () => {
	await sandbox?.close();
});

beforeEach(() => {
	sandbox.reset();
});

const hook = (overrides: { url?: string; parameters?: Record<string, unknown>; credentials?: LibreDeskCredentials; staticData?: Record<string, unknown> } = {}): FakeHook =>
	fakeHook({
		credentials: overrides.credentials ?? admin,
		url: overrides.url ?? PROD_URL,
		parameters: { setup: 'automatic', events: EVENTS, customEvents: '', ...overrides.parameters },
		staticData: overrides.staticData as never,
	});

/** What n8n does on activation (WebhookService.createWebhookIfNotExists). */
async function activate(fake: FakeHook): Promise<void> {
	if (!(await methods.checkExists.call(fake.context))) await methods.create.call(fake.context);
}

const calls = () => sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
const webhooks = () => sandbox.state.webhooks;

describe('automatic setup', () => {
	it('activation registers exactly one active webhook with a generated secret kept in static data', async () => {
		const fake = hook();
		await activate(fake);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200', 'GET /api/v1/webhooks 200', 'POST /api/v1/webhooks 200']);
		expect(webhooks()).toHaveLength(1);
		const [created] = webhooks();
		expect(created).toMatchObject({ url: PROD_URL, events: ['conversation.created', 'message.created'], isActive: true, name: 'n8n: Support inbox / LibreDesk Trigger' });
		const post = sandbox.requests.find((request) => request.method === 'POST');
		expect(post?.body).toEqual({ name: 'n8n: Support inbox / LibreDesk Trigger', url: PROD_URL, events: ['conversation.created', 'message.created'], secret: created.secret, is_active: true });
		expect(post?.headers['content-type']).toBe('application/json');
		expect(created.secret).toMatch(/^[0-9a-f]{64}$/);
		expect(fake.staticData).toEqual({ webhookId: created.id, webhookSecret: created.secret, webhookUrl: PROD_URL });
	});

	it('re-activation (or an n8n restart) finds it and changes nothing', async () => {
		const fake = hook();
		await activate(fake);
		const before = { ...webhooks()[0] };
		sandbox.clearRequests();
		expect(await methods.checkExists.call(fake.context)).toBe(true);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200']);
		expect(webhooks()).toEqual([before]);
	});

	it('create after a checkExists that answered false never doubles a webhook created meanwhile', async () => {
		const first = hook();
		const second = hook();
		expect(await methods.checkExists.call(first.context)).toBe(false);
		expect(await methods.checkExists.call(second.context)).toBe(false);
		await methods.create.call(first.context);
		await methods.create.call(second.context);
		expect(webhooks()).toHaveLength(1);
		// The second took the webhook over with a secret of its own, so only it can verify deliveries now.
		expect(webhooks()[0].secret).toBe(second.staticData.webhookSecret);
	});

	it('repairs drifted events and a deactivated webhook with a full PUT that keeps the secret', async () => {
		const fake = hook();
		await activate(fake);
		const webhook = webhooks()[0];
		const secret = webhook.secret;
		webhook.events = ['conversation.tags_changed'];
		webhook.isActive = false;
		webhook.name = 'Renamed by an admin';
		sandbox.clearRequests();
		expect(await methods.checkExists.call(fake.context)).toBe(true);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200', `PUT /api/v1/webhooks/${webhook.id} 200`]);
		expect(sandbox.requests[1].body).toEqual({ name: 'Renamed by an admin', url: PROD_URL, events: ['conversation.created', 'message.created'], secret: MASK, is_active: true });
		expect(webhooks()).toHaveLength(1);
		expect(webhooks()[0]).toMatchObject({ id: webhook.id, events: ['conversation.created', 'message.created'], isActive: true, secret });
		expect(fake.staticData.webhookSecret).toBe(secret);
	});

	it('repairs events changed in the node (a new selection) on the next activation', async () => {
		const fake = hook();
		await activate(fake);
		fake.parameters.events = ['conversation.status_changed'];
		await activate(fake);
		expect(webhooks()).toHaveLength(1);
		expect(webhooks()[0].events).toEqual(['conversation.status_changed']);
	});

	it('rotates the secret with PUT when static data lost it, instead of creating a second webhook', async () => {
		const fake = hook();
		await activate(fake);
		const { id, secret: oldSecret } = webhooks()[0];
		const amnesiac = hook();
		sandbox.clearRequests();
		await activate(amnesiac);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200', `PUT /api/v1/webhooks/${id} 200`]);
		expect(webhooks()).toHaveLength(1);
		const rotated = webhooks()[0];
		expect(rotated.id).toBe(id);
		expect(rotated.secret).not.toBe(oldSecret);
		expect(rotated.secret).toBe(amnesiac.staticData.webhookSecret);
		expect(sandbox.requests[1].body).toMatchObject({ secret: rotated.secret, is_active: true });
	});

	it('sets a secret when the webhook found has none (LibreDesk would send unsigned deliveries)', async () => {
		const fake = hook();
		await activate(fake);
		webhooks()[0].secret = '';
		await activate(fake);
		expect(webhooks()[0].secret).toMatch(/^[0-9a-f]{64}$/);
		expect(webhooks()[0].secret).toBe(fake.staticData.webhookSecret);
	});

	it('deletes other webhooks with the same URL: each would deliver every event again', async () => {
		const fake = hook();
		await activate(fake);
		const keep = webhooks()[0].id;
		const now = Date.now();
		sandbox.state.webhooks.push({ id: 900, createdAt: now + 1, updatedAt: now, name: 'copy', url: PROD_URL, events: EVENTS, secret: 'x', isActive: true });
		sandbox.state.webhooks.push({ id: 901, createdAt: now + 2, updatedAt: now, name: 'other', url: 'http://elsewhere.example/hook', events: EVENTS, secret: 'y', isActive: true });
		expect(await methods.checkExists.call(fake.context)).toBe(true);
		expect(webhooks().map((webhook) => webhook.id).sort()).toEqual([keep, 901].sort());
	});

	it('test and production URLs are separate webhooks; deleting one leaves the other', async () => {
		const production = hook();
		const test = hook({ url: TEST_URL });
		test.mode = 'manual';
		await activate(production);
		await activate(test);
		expect(webhooks().map((webhook) => [webhook.url, webhook.name]).sort()).toEqual([
			[TEST_URL, 'n8n: Support inbox / LibreDesk Trigger (test URL)'],
			[PROD_URL, 'n8n: Support inbox / LibreDesk Trigger'],
		]);
		expect(await methods.delete.call(test.context)).toBe(true);
		expect(webhooks().map((webhook) => webhook.url)).toEqual([PROD_URL]);
	});

	it('follows n8n to a new public URL: the stored webhook is moved (same id), not doubled', async () => {
		const fake = hook({ url: 'http://old-host:5678/webhook/x/webhook' });
		await activate(fake);
		const { id } = webhooks()[0];
		const moved = hook({ staticData: fake.staticData });
		await activate(moved);
		expect(webhooks()).toHaveLength(1);
		expect(webhooks()[0]).toMatchObject({ id, url: PROD_URL });
	});

	it('with only custom event names, subscribes to conversation.created (an empty list is refused, §12.2)', async () => {
		const fake = hook({ parameters: { events: [], customEvents: 'vip.escalate' } });
		await activate(fake);
		expect(webhooks()[0].events).toEqual(['conversation.created']);
	});

	it('refuses to activate with no event at all, before any request', async () => {
		const fake = hook({ parameters: { events: [], customEvents: ' , ' } });
		await expect(methods.checkExists.call(fake.context)).rejects.toThrow('Choose at least one event in "Events" or "Custom Event Names"');
		expect(sandbox.requests).toEqual([]);
	});

	it('deactivation deletes the webhook and forgets the secret', async () => {
		const fake = hook();
		await activate(fake);
		const { id } = webhooks()[0];
		sandbox.clearRequests();
		expect(await methods.delete.call(fake.context)).toBe(true);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200', `DELETE /api/v1/webhooks/${id} 200`]);
		expect(webhooks()).toEqual([]);
		expect(fake.staticData).toEqual({});
		// Re-activating afterwards creates exactly one again.
		await activate(fake);
		expect(webhooks()).toHaveLength(1);
	});

	it('deactivation succeeds when the webhook was already deleted in LibreDesk (DELETE answers true for unknown ids)', async () => {
		const fake = hook();
		await activate(fake);
		const { id } = webhooks()[0];
		sandbox.state.webhooks = [];
		sandbox.clearRequests();
		expect(await methods.delete.call(fake.context)).toBe(true);
		expect(calls()).toEqual(['GET /api/v1/webhooks 200', `DELETE /api/v1/webhooks/${id} 200`]);
		expect(fake.staticData).toEqual({});
	});

	it('a failed deletion does not block deactivation: logged, and the secret kept for the next activation', async () => {
		const fake = hook();
		await activate(fake);
		const stored = { ...fake.staticData };
		const admin = sandbox.state.roles.find((role) => role.name === 'Admin');
		sandbox.state.setRolePermissions('Admin', (admin?.permissions ?? []).filter((permission) => permission !== 'webhooks:manage'));
		expect(await methods.delete.call(fake.context)).toBe(false);
		expect(fake.staticData).toEqual(stored);
		expect(fake.log).toHaveLength(1);
		expect(fake.log[0].level).toBe('warn');
		expect(fake.log[0].message).toContain(`could not delete its webhook for ${PROD_URL}`);
		expect(fake.log[0].message).not.toContain(String(stored.webhookSecret));
		expect(fake.log[0].message).not.toContain(sandbox.adminSecret);
	});
});

describe('permission denied (an Agent key has no webhooks:manage, §1.2)', () => {
	it('activation fails with a message naming the permission and the manual mode; nothing is created', async () => {
		const fake = hook({ credentials: { baseUrl: sandbox.url, apiKey: sandbox.agentKey, apiSecret: sandbox.agentSecret } });
		const error = await methods.checkExists.call(fake.context).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe(
			'LibreDesk did not let the trigger look up its webhook: the API key\'s agent lacks the permission "webhooks:manage" (HTTP 403)',
		);
		expect((error as NodeApiError).description).toContain('set "Webhook Setup" to "Manual"');
		expect((error as NodeApiError).description).toContain('Admin → Integrations → Webhooks');
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(calls()).toEqual(['GET /api/v1/webhooks 403']);
		expect(webhooks()).toEqual([]);
	});

	it('a wrong key stays a credential error, not a permission one', async () => {
		const fake = hook({ credentials: { baseUrl: sandbox.url, apiKey: sandbox.adminKey, apiSecret: 'wrong' } });
		await expect(methods.checkExists.call(fake.context)).rejects.toThrow('LibreDesk did not accept the API key and secret (HTTP 401)');
	});
});

describe('the 200-with-ErrorType answer of POST/PUT /webhooks (§2) is a failure', () => {
	it('create with an invalid body throws and leaves nothing behind', async () => {
		const fake = hook();
		const error = await webhookApi(fake.context)
			.create({ name: '', url: PROD_URL, events: EVENTS, secret: 's', is_active: true })
			.then(
				() => undefined,
				(thrown: unknown) => thrown,
			);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as Error).message).toContain('`name` empty');
		expect(calls()).toEqual(['POST /api/v1/webhooks 200']);
		expect(webhooks()).toEqual([]);
	});
});

describe('manual setup', () => {
	it('never calls the webhook API (no credential needed): every lifecycle method just succeeds', async () => {
		const fake = fakeHook({ url: PROD_URL, parameters: { setup: 'manual', webhookSecret: 'from-libredesk', events: [] } });
		expect(await methods.checkExists.call(fake.context)).toBe(true);
		expect(await methods.create.call(fake.context)).toBe(true);
		expect(await methods.delete.call(fake.context)).toBe(true);
		expect(sandbox.requests).toEqual([]);
		expect(fake.staticData).toEqual({});
	});
});
