import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { type Receiver, startReceiver } from './receiver.ts';
import { apiError, client, type Client, newConversation } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;
let receiver: Receiver;

const ALL_EVENTS = ['conversation.created', 'conversation.status_changed', 'conversation.tags_changed', 'conversation.assigned', 'conversation.unassigned', 'message.created', 'message.updated'];
const MASK = '••••••••••';

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: false });
	api = client(sb);
	receiver = await startReceiver();
});
afterAll(async () => {
	await sb.close();
	await receiver.close();
});
beforeEach(() => {
	sb.reset();
	receiver.received.length = 0;
});

const hook = (overrides: Record<string, unknown> = {}) => ({ name: 'n8n', url: `${receiver.url}/hook`, events: ALL_EVENTS, secret: 's3cret', is_active: true, ...overrides });
const createHook = async (overrides: Record<string, unknown> = {}) => (await api.post('/api/v1/webhooks', hook(overrides))).body.data;
const events = () => sb.webhookDeliveries.map((d) => d.event);
const payloadsOf = (event: string) => sb.webhookDeliveries.filter((d) => d.event === event).map((d) => JSON.parse(d.body).payload);

describe('webhook management (§12.2)', () => {
	it('validation failures are HTTP 200 "success" with a Go error struct in data', async () => {
		for (const [field, message] of [['name', '`name` empty'], ['url', '`url` empty'], ['events', '`events` empty']] as const) {
			const reply = await api.post('/api/v1/webhooks', hook({ [field]: field === 'events' ? [] : '' }));
			expect(reply.status).toBe(200);
			expect(reply.text).toBe(`{"status":"success","data":{"Code":400,"ErrorType":"InputException","Message":"${message}","Data":null}}`);
		}
		expect(sb.state.webhooks).toHaveLength(0);
	});

	it('an unknown event or an over-long name is a 500; a bad type a 400 with the decoder text', async () => {
		expect(await api.post('/api/v1/webhooks', hook({ events: ['conversation.deleted'] }))).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect((await api.post('/api/v1/webhooks', hook({ name: 'x'.repeat(256) }))).status).toBe(500);
		const typed = await api.post('/api/v1/webhooks', hook({ is_active: 'yes' }));
		expect(typed).toMatchObject({ status: 400, body: { status: 'error', message: 'Error parsing request', error_type: 'InputException' } });
		expect(typeof typed.body.data).toBe('string');
	});

	it('is_active defaults to false; the secret is masked in every answer', async () => {
		const created = await createHook({ is_active: undefined });
		expect(Object.keys(created)).toEqual(['id', 'created_at', 'updated_at', 'name', 'url', 'events', 'secret', 'is_active']);
		expect(created).toMatchObject({ is_active: false, secret: MASK });
		expect((await api.get(`/api/v1/webhooks/${created.id}`)).body.data.secret).toBe(MASK);
		const none = await createHook({ secret: '' });
		expect(none.secret).toBe(MASK);
		expect((await api.get('/api/v1/webhooks')).body.data.map((w: { id: number; secret: string }) => [w.id, w.secret])).toEqual([[none.id, ''], [created.id, MASK]]);
		expect(JSON.stringify((await api.get('/api/v1/webhooks')).body)).not.toContain('s3cret');
	});

	it('PUT replaces everything: a masked secret keeps it, "" clears it, omitting is_active deactivates', async () => {
		const created = await createHook();
		await api.put(`/api/v1/webhooks/${created.id}`, hook({ name: 'renamed', secret: MASK }));
		expect(sb.state.webhook(created.id)).toMatchObject({ name: 'renamed', secret: 's3cret', isActive: true });
		await api.put(`/api/v1/webhooks/${created.id}`, hook({ secret: 'other', is_active: undefined }));
		expect(sb.state.webhook(created.id)).toMatchObject({ secret: 'other', isActive: false });
		await api.put(`/api/v1/webhooks/${created.id}`, hook({ secret: '' }));
		expect(sb.state.webhook(created.id)?.secret).toBe('');
		expect((await api.put(`/api/v1/webhooks/${created.id}`, hook({ url: '' }))).body.data.Message).toBe('`url` empty');
		expect(await api.put('/api/v1/webhooks/999', hook())).toMatchObject(apiError(404, 'Not found', 'NotFoundException'));
	});

	it('toggle flips, delete answers true even for unknown ids, junk ids are 400', async () => {
		const created = await createHook();
		expect((await api.put(`/api/v1/webhooks/${created.id}/toggle`)).body.data).toMatchObject({ is_active: false, secret: MASK });
		expect((await api.put(`/api/v1/webhooks/${created.id}/toggle`)).body.data.is_active).toBe(true);
		expect((await api.del(`/api/v1/webhooks/${created.id}`)).body.data).toBe(true);
		expect((await api.del('/api/v1/webhooks/4242')).body.data).toBe(true);
		expect(await api.get(`/api/v1/webhooks/${created.id}`)).toMatchObject(apiError(404, 'Not found', 'NotFoundException'));
		expect(await api.get('/api/v1/webhooks/abc')).toMatchObject(apiError(400, 'Something went wrong', 'InputException'));
	});

	it('compact is sorted by name and open to any key (v2.7.0)', async () => {
		await createHook({ name: 'zeta' });
		await createHook({ name: 'alpha' });
		expect((await api.get('/api/v1/webhooks/compact', { as: 'agent' })).body.data).toEqual([{ id: 2, name: 'alpha' }, { id: 1, name: 'zeta' }]);
	});
});

describe('delivery (§12.3)', () => {
	it('signs the exact bytes with HMAC-SHA256, keys event/payload/timestamp, Go escaping, documented headers', async () => {
		await createHook({ events: ['conversation.tags_changed'] });
		const { uuid } = (await api.post('/api/v1/conversations', newConversation())).body.data;
		await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: ['R&D <beta>'] });
		await sb.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		const [got] = receiver.received;
		const expected = `sha256=${createHmac('sha256', 's3cret').update(got.raw).digest('hex')}`;
		const header = String(got.headers['x-libredesk-signature']);
		expect(header).toMatch(/^sha256=[0-9a-f]{64}$/);
		expect(timingSafeEqual(Buffer.from(header), Buffer.from(expected))).toBe(true);
		expect(got.headers['content-type']).toBe('application/json');
		expect(got.headers['user-agent']).toBe('Libredesk-Webhook/v2.7.0');
		const text = got.raw.toString('utf8');
		expect(text).toMatch(/^\{"event":"conversation\.tags_changed","payload":\{.*\},"timestamp":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"\}$/);
		expect(text).toContain('R\\u0026D \\u003cbeta\\u003e');
		expect(text).not.toMatch(/[<>&]/);
		expect(Object.keys(got.json.payload)).toEqual(['actor_id', 'conversation', 'conversation_uuid', 'new_tags', 'previous_tags']);
		expect(got.json.payload).toMatchObject({ actor_id: 2, conversation_uuid: uuid, previous_tags: [], new_tags: ['R&D <beta>'] });
		expect(got.json.payload.conversation.previous_conversations).toBeNull();
		expect(sb.webhookDeliveries[0]).toMatchObject({ event: 'conversation.tags_changed', url: `${receiver.url}/hook`, status: 200, ok: true, body: text, responseBody: 'thanks' });
	});

	it('sends no signature header without a secret', async () => {
		await createHook({ secret: '', events: ['conversation.created'] });
		await api.post('/api/v1/conversations', newConversation());
		await sb.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].headers['x-libredesk-signature']).toBeUndefined();
	});

	it('does not retry a failed delivery', async () => {
		receiver.setMode('/fails', 500);
		await createHook({ url: `${receiver.url}/fails`, events: ['conversation.created'] });
		await api.post('/api/v1/conversations', newConversation());
		await sb.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		expect(sb.webhookDeliveries).toHaveLength(1);
		expect(sb.webhookDeliveries[0]).toMatchObject({ status: 500, ok: false });
	});

	it('a receiver that does not answer within 3 s counts as failed', async () => {
		receiver.setMode('/slow', 'hang');
		await createHook({ url: `${receiver.url}/slow`, events: ['conversation.created'] });
		await api.post('/api/v1/conversations', newConversation());
		await sb.waitForDeliveries();
		expect(receiver.received).toHaveLength(1);
		expect(sb.webhookDeliveries).toHaveLength(1);
		expect(sb.webhookDeliveries[0]).toMatchObject({ ok: false, error: 'timeout awaiting response headers' });
		expect(sb.webhookDeliveries[0].status).toBeUndefined();
	});

	it('a connection error is logged as failed', async () => {
		await createHook({ url: 'http://127.0.0.1:1/closed', events: ['conversation.created'] });
		await api.post('/api/v1/conversations', newConversation());
		await sb.waitForDeliveries();
		expect(sb.webhookDeliveries[0]).toMatchObject({ ok: false, error: expect.stringContaining('ECONNREFUSED') });
	});

	it('only active webhooks subscribed to the event receive it, one POST each', async () => {
		await createHook({ url: `${receiver.url}/a`, events: ['conversation.created'] });
		await createHook({ url: `${receiver.url}/b`, events: ['conversation.created', 'message.created'] });
		await createHook({ url: `${receiver.url}/inactive`, is_active: false });
		await createHook({ url: `${receiver.url}/other`, events: ['conversation.assigned'] });
		await api.post('/api/v1/conversations', newConversation());
		await sb.waitForDeliveries();
		expect(receiver.received.map((r) => `${r.path} ${r.json.event}`).sort()).toEqual(['/a conversation.created', '/b conversation.created', '/b message.created']);
	});

	it('the test route delivers webhook.test synchronously, even to an inactive webhook', async () => {
		const created = await createHook({ is_active: false });
		expect((await api.post(`/api/v1/webhooks/${created.id}/test`)).body.data).toBe(true);
		expect(receiver.received.map((r) => r.json)).toEqual([{ event: 'webhook.test', payload: { id: created.id, name: 'n8n' }, timestamp: expect.any(String) }]);
		receiver.setMode('/hook', 503);
		expect((await api.post(`/api/v1/webhooks/${created.id}/test`)).body.data).toBe(true);
		expect(await api.post('/api/v1/webhooks/99/test')).toMatchObject(apiError(404, 'Not found', 'NotFoundException'));
	});
});

describe('which events fire (§12.4)', () => {
	it('create with team_id: conversation.created, conversation.unassigned and message.created (incoming)', async () => {
		await createHook();
		const { uuid } = (await api.post('/api/v1/conversations', newConversation({ team_id: 1 }))).body.data;
		await sb.waitForDeliveries();
		expect(events().sort()).toEqual(['conversation.created', 'conversation.unassigned', 'message.created', 'message.created'].sort());
		expect(payloadsOf('conversation.created')[0]).toMatchObject({ uuid, assigned_team_id: 1, previous_conversations: null });
		expect(payloadsOf('conversation.unassigned')[0]).toMatchObject({ conversation_uuid: uuid, actor_id: 2 });
		expect(payloadsOf('message.created').map((m) => m.type).sort()).toEqual(['activity', 'incoming']);
	});

	it('agent-initiated create: the reply is created pending and updated to sent', async () => {
		await createHook();
		await api.post('/api/v1/conversations', newConversation({ initiator: 'agent' }));
		await sb.waitForDeliveries();
		expect(payloadsOf('message.created').map((m) => m.status)).toEqual(['pending']);
		expect(payloadsOf('message.updated').map((m) => m.status)).toEqual(['sent']);
		expect(events()).toContain('conversation.created');
	});

	it('status: a real change fires status_changed with sorted keys; a no-op fires nothing', async () => {
		const { uuid } = (await api.post('/api/v1/conversations', newConversation())).body.data;
		await createHook({ events: ['conversation.status_changed'] });
		await api.put(`/api/v1/conversations/${uuid}/status`, { status: 'Open' });
		await api.put(`/api/v1/conversations/${uuid}/status`, { status: 'Snoozed', snoozed_until: '2h' });
		await sb.waitForDeliveries();
		const [payload] = payloadsOf('conversation.status_changed');
		expect(payloadsOf('conversation.status_changed')).toHaveLength(1);
		expect(Object.keys(payload)).toEqual(['actor_id', 'conversation', 'conversation_uuid', 'new_status', 'previous_status', 'snooze_until']);
		expect(payload).toMatchObject({ previous_status: 'Open', new_status: 'Snoozed', actor_id: 2 });
		expect(payload.snooze_until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	it('tags_changed fires on every call, even unchanged; assigned carries assigned_to; team changes fire unassigned', async () => {
		const { uuid } = (await api.post('/api/v1/conversations', newConversation())).body.data;
		await createHook({ events: ['conversation.tags_changed', 'conversation.assigned', 'conversation.unassigned'] });
		await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: ['bug'] });
		await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: ['bug'] });
		await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 3 });
		await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 3 });
		await api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'High' });
		await api.put(`/api/v1/conversations/${uuid}/assignee/team`, { assignee_id: 2 });
		await sb.waitForDeliveries();
		expect(payloadsOf('conversation.tags_changed').map((p) => [p.previous_tags, p.new_tags])).toEqual([[[], ['bug']], [['bug'], ['bug']]]);
		expect(payloadsOf('conversation.assigned')).toHaveLength(1);
		expect(Object.keys(payloadsOf('conversation.assigned')[0])).toEqual(['actor_id', 'assigned_to', 'conversation', 'conversation_uuid']);
		expect(payloadsOf('conversation.assigned')[0].assigned_to).toBe(3);
		expect(payloadsOf('conversation.unassigned')).toHaveLength(1);
		expect(payloadsOf('conversation.unassigned')[0].conversation.assigned_user_id).toBeNull();
	});

	it('notes and activity lines fire message.created; deleting a note fires nothing', async () => {
		const { uuid } = (await api.post('/api/v1/conversations', newConversation())).body.data;
		await createHook({ events: ['message.created', 'message.updated'] });
		const note = (await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', private: true, message: 'n' })).body.data;
		await api.put(`/api/v1/conversations/${uuid}/status`, { status: 'Closed' });
		await sb.waitForDeliveries();
		const before = sb.webhookDeliveries.length;
		await api.del(`/api/v1/conversations/${uuid}/messages/${note.uuid}`);
		await sb.waitForDeliveries();
		expect(sb.webhookDeliveries).toHaveLength(before);
		const created = payloadsOf('message.created');
		expect(created.map((m) => m.type).sort()).toEqual(['activity', 'outgoing']);
		expect(Object.keys(created[0])).toContain('conversation_uuid');
	});

	it('simulated incoming mail and the automation trigger, from the control endpoints', async () => {
		const target = await createHook({ url: `${receiver.url}/one`, events: ['message.created'] });
		await createHook({ url: `${receiver.url}/all` });
		const simulated = await fetch(`${sb.url}/__sandbox/simulate`, { method: 'POST', body: JSON.stringify({ contact_email: 'Mail@Example.com', subject: 'From mail', content: 'hi' }) });
		const { conversation } = (await simulated.json()) as any;
		expect(conversation).toMatchObject({ subject: 'From mail', status: 'Open', contact: { email: 'mail@example.com' } });
		await fetch(`${sb.url}/__sandbox/simulate`, { method: 'POST', body: JSON.stringify({ conversation_uuid: conversation.uuid, content: 'again' }) });
		const automation = await fetch(`${sb.url}/__sandbox/automation`, { method: 'POST', body: JSON.stringify({ webhook_id: target.id, event: 'vip.escalated', conversation_uuid: conversation.uuid }) });
		expect(automation.status).toBe(200);
		const log = (await (await fetch(`${sb.url}/__sandbox/deliveries?wait=1`)).json()) as any;
		expect(log.busy).toBe(false);
		const seen = log.deliveries.map((d: { url: string; event: string }) => `${d.url.slice(receiver.url.length)} ${d.event}`).sort();
		expect(seen).toEqual(['/all conversation.created', '/all message.created', '/all message.created', '/one message.created', '/one message.created', '/one vip.escalated']);
		const custom = log.deliveries.find((d: { event: string }) => d.event === 'vip.escalated');
		expect(Object.keys(JSON.parse(custom.body).payload)).toEqual(['actor_id', 'conversation']);
		expect(sb.requests.some((r) => r.path.startsWith('/__sandbox'))).toBe(false);
	});
});
