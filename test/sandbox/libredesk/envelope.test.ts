import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { goJson, goMap } from './json.ts';
import { client, type Client } from './test-client.ts';
import { rfc3339 } from './time.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 30 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const CONVERSATION_KEYS = [
	'id', 'created_at', 'updated_at', 'uuid', 'contact_id', 'inbox_id', 'closed_at', 'resolved_at', 'reference_number', 'priority', 'priority_id',
	'status', 'status_category', 'status_id', 'first_reply_at', 'last_reply_at', 'assigned_user_id', 'assigned_team_id', 'waiting_since', 'snoozed_until',
	'subject', 'inbox_mail', 'inbox_reply_to', 'inbox_name', 'inbox_channel', 'tags', 'meta', 'custom_attributes', 'last_message_at', 'last_message',
	'last_message_sender', 'last_interaction', 'last_interaction_at', 'last_interaction_sender', 'contact', 'sla_policy_id', 'sla_policy_name',
	'applied_sla_id', 'first_response_deadline_at', 'resolution_deadline_at', 'next_response_deadline_at', 'next_response_met_at', 'csat_rating',
	'csat_feedback', 'csat_responded_at', 'previous_conversations',
];
const LIST_ITEM_KEYS = [
	'id', 'created_at', 'updated_at', 'uuid', 'reference_number', 'waiting_since', 'contact', 'inbox_channel', 'inbox_name', 'sla_policy_id', 'first_reply_at',
	'last_reply_at', 'resolved_at', 'subject', 'last_message', 'last_message_at', 'last_message_sender', 'last_interaction', 'last_interaction_at',
	'last_interaction_sender', 'next_sla_deadline_at', 'priority_id', 'assigned_user_id', 'assigned_team_id', 'unread_message_count', 'status', 'priority',
	'first_response_deadline_at', 'resolution_deadline_at', 'applied_sla_id', 'next_response_deadline_at', 'next_response_met_at', 'mentioned_message_uuid',
];
const MESSAGE_KEYS = ['id', 'created_at', 'updated_at', 'uuid', 'type', 'status', 'conversation_id', 'conversation_uuid', 'content', 'text_content', 'content_type', 'private', 'sender_id', 'sender_type', 'meta', 'attachments', 'author'];
const CONTACT_KEYS = ['id', 'created_at', 'updated_at', 'first_name', 'last_name', 'email', 'type', 'availability_status', 'avatar_url', 'phone_number', 'phone_number_country_code', 'country', 'custom_attributes', 'enabled', 'last_active_at', 'last_login_at', 'external_user_id'];

/** Keys in the order they appear in the raw JSON text (JSON.parse keeps insertion order for these names). */
const keysOf = (value: Record<string, unknown>) => Object.keys(value);

describe('Go JSON encoding (§2)', () => {
	it('escapes <, > and & (and U+2028/2029) inside strings, as Go does', () => {
		expect(goJson({ a: '<b>R&D</b>', b: 'x\u2028y\u2029' })).toBe('{"a":"\\u003cb\\u003eR\\u0026D\\u003c/b\\u003e","b":"x\\u2028y\\u2029"}');
	});

	it('sorts map keys, deeply for JSONB maps, only the top level otherwise', () => {
		expect(JSON.stringify(goMap({ b: 1, a: { d: 1, c: 2 } }))).toBe('{"a":{"c":2,"d":1},"b":1}');
		expect(JSON.stringify(goMap({ b: 1, a: { d: 1, c: 2 } }, false))).toBe('{"a":{"d":1,"c":2},"b":1}');
	});

	it('prints RFC 3339 with microseconds, trailing zeros trimmed as Go does', () => {
		expect(rfc3339(Date.UTC(2026, 7, 8, 7, 16, 38, 123) * 1000 + 456)).toBe('2026-08-08T07:16:38.123456Z');
		expect(rfc3339(Date.UTC(2026, 7, 8, 7, 16, 38, 120) * 1000)).toBe('2026-08-08T07:16:38.12Z');
		expect(rfc3339(Date.UTC(2026, 7, 8, 7, 16, 38) * 1000)).toBe('2026-08-08T07:16:38Z');
	});

	it('answers tag names with \\u003c \\u003e \\u0026 in the raw body', async () => {
		const reply = await api.get('/api/v1/tags');
		expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
		expect(reply.text).toContain('"name":"R\\u0026D \\u003cbeta\\u003e"');
		expect(reply.text).not.toMatch(/[<>&]/);
		expect(reply.body.data.map((t: { name: string }) => t.name)).toContain('R&D <beta>');
	});
});

describe('envelope (§2)', () => {
	it('success is {status, data} with no message or error_type', async () => {
		const reply = await api.get('/api/v1/priorities');
		expect(keysOf(reply.body)).toEqual(['status', 'data']);
		expect(reply.body.data.map((p: { name: string }) => p.name)).toEqual(['Low', 'Medium', 'High']);
		expect(keysOf(reply.body.data[0])).toEqual(['id', 'created_at', 'name']);
	});

	it('errors are {status, message, data, error_type} in that order', async () => {
		const reply = await api.get('/api/v1/conversations/11111111-2222-4333-8444-555555555555');
		expect(reply.text).toBe('{"status":"error","message":"Conversation not found","data":null,"error_type":"NotFoundException"}');
	});
});

describe('object shapes in Go struct order', () => {
	it('conversation (§5.2), its contact, list item (§5.3) and message (§6.2)', async () => {
		const list = await api.get('/api/v1/conversations/all?page_size=5');
		expect(keysOf(list.body.data)).toEqual(['results', 'total', 'per_page', 'total_pages', 'page']);
		const item = list.body.data.results[0];
		expect(keysOf(item)).toEqual(LIST_ITEM_KEYS);
		expect(keysOf(item.contact)).toEqual(['created_at', 'updated_at', 'first_name', 'last_name', 'email', 'avatar_url']);
		const conversation = (await api.get(`/api/v1/conversations/${item.uuid}`)).body.data;
		expect(keysOf(conversation)).toEqual(CONVERSATION_KEYS);
		expect(keysOf(conversation.contact)).toEqual(CONTACT_KEYS);
		expect(conversation.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z$/);
		expect(Array.isArray(conversation.previous_conversations)).toBe(true);
		expect(typeof conversation.reference_number).toBe('string');
		const messages = (await api.get(`/api/v1/conversations/${item.uuid}/messages`)).body.data.results;
		expect(keysOf(messages[0])).toEqual(MESSAGE_KEYS);
		expect(keysOf(messages[0].author)).toEqual(['id', 'first_name', 'last_name', 'email', 'avatar_url', 'availability_status', 'type', 'last_active_at']);
	});

	it('custom attributes and meta come out with sorted keys, absent values as null', async () => {
		const uuid = sb.state.conversations[0].uuid;
		expect((await api.put(`/api/v1/conversations/${uuid}/custom-attributes`, { zeta: 1, alpha: { y: 1, x: 2 }, mid: null })).body.data).toBe(true);
		const reply = await api.get(`/api/v1/conversations/${uuid}`);
		expect(reply.text).toContain('"custom_attributes":{"alpha":{"x":2,"y":1},"mid":null,"zeta":1}');
		expect(reply.body.data.closed_at === null || typeof reply.body.data.closed_at === 'string').toBe(true);
	});

	it('settings/general is a flat sorted map with the emulated version and this server as root_url (§9.7)', async () => {
		const data = (await api.get('/api/v1/settings/general', { as: 'agent' })).body.data;
		expect(keysOf(data)).toEqual([...keysOf(data)].sort());
		expect(data).toMatchObject({ 'app.version': 'v2.7.0', 'app.root_url': sb.url, 'app.max_file_upload_size': 20, 'app.allowed_file_upload_extensions': ['*'] });
	});
});
