import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { apiError, client, type Client, newConversation } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 60 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe('lookups (§9, §11)', () => {
	it('inboxes: two enabled email inboxes, a disabled one and a live chat; secrets masked', async () => {
		const inboxes = (await api.get('/api/v1/inboxes', { as: 'agent' })).body.data;
		expect(inboxes.map((i: { channel: string; enabled: boolean }) => `${i.channel}:${i.enabled}`)).toEqual(['email:true', 'email:true', 'email:false', 'livechat:true']);
		expect(Object.keys(inboxes[0])).toEqual(['id', 'uuid', 'created_at', 'updated_at', 'name', 'channel', 'enabled', 'csat_enabled', 'prompt_tags_on_reply', 'from', 'from_name_template', 'config', 'secret', 'linked_email_inbox_id']);
		expect(JSON.stringify(inboxes)).toContain('••••••••••');
		expect(inboxes[0].secret).toBeNull();
	});

	it('teams/compact sorted by name; full teams need teams:manage; me/teams are the key agent\'s', async () => {
		expect((await api.get('/api/v1/teams/compact', { as: 'agent' })).body.data).toEqual([
			{ id: 2, name: 'Billing', emoji: '💳' },
			{ id: 3, name: 'Escalations', emoji: '🚨' },
			{ id: 1, name: 'Support', emoji: '🎧' },
		]);
		expect((await api.get('/api/v1/teams', { as: 'agent' })).status).toBe(403);
		expect((await api.get('/api/v1/teams/3')).body.data).toMatchObject({ name: 'Escalations', sla_policy_id: 2, conversation_assignment_type: 'Manual' });
		expect(await api.get('/api/v1/teams/9')).toMatchObject(apiError(400, 'Team not found', 'InputException'));
		expect(names((await api.get('/api/v1/agents/me/teams', { as: 'agent' })).body.data)).toEqual(['Support']);
	});

	it('agents/compact includes disabled agents and the AI assistant, not System or contacts', async () => {
		const agents = (await api.get('/api/v1/agents/compact', { as: 'agent' })).body.data;
		expect(agents.map((a: { first_name: string; type: string; enabled: boolean }) => `${a.first_name}:${a.type}:${a.enabled}`)).toEqual([
			'Alice:agent:true',
			'Bob:agent:true',
			'Carol:agent:true',
			'Dan:agent:false',
			'Aria:ai_assistant:true',
			'Ivy:agent:true',
		]);
		expect((await api.get('/api/v1/agents', { as: 'agent' })).status).toBe(403);
		expect((await api.get('/api/v1/agents/4')).body.data).toMatchObject({ first_name: 'Carol', roles: ['Agent'], teams: [{ id: 2, name: 'Billing', emoji: '💳' }] });
	});

	it('tags sorted by name, statuses with categories (incl. a custom one), priorities, SLA policies', async () => {
		const tags = names((await api.get('/api/v1/tags')).body.data);
		expect(tags).toEqual([...tags].sort());
		expect(tags).toHaveLength(10);
		expect((await api.get('/api/v1/statuses')).body.data.map((s: { name: string; category: string }) => `${s.name}:${s.category}`)).toEqual([
			'Open:open',
			'Snoozed:waiting',
			'Resolved:resolved',
			'Closed:resolved',
			'Waiting on customer:waiting',
		]);
		const sla = (await api.get('/api/v1/sla')).body.data;
		expect(Object.keys(sla[0])).toEqual(['id', 'created_at', 'updated_at', 'name', 'description', 'first_response_time', 'next_response_time', 'resolution_time', 'notifications']);
	});

	it('custom attributes filter by applies_to, newest updated first', async () => {
		const contact = (await api.get('/api/v1/custom-attributes?applies_to=contact')).body.data;
		expect(contact.map((a: { key: string }) => a.key)).toEqual(['tier', 'website', 'company']);
		expect(new Set((await api.get('/api/v1/custom-attributes?applies_to=conversation')).body.data.map((a: { data_type: string }) => a.data_type))).toEqual(
			new Set(['text', 'list', 'number', 'date', 'checkbox']),
		);
		expect((await api.get('/api/v1/custom-attributes')).body.data).toHaveLength(8);
	});

	it('macros with string user_id/team_id', async () => {
		const macros = (await api.get('/api/v1/macros', { as: 'agent' })).body.data;
		expect(Object.keys(macros[0])).toEqual(['id', 'created_at', 'updated_at', 'name', 'actions', 'visibility', 'visible_when', 'message_content', 'user_id', 'team_id', 'usage_count']);
		expect(macros.find((m: { name: string }) => m.name === 'Resolve with thanks')).toMatchObject({ team_id: '1', user_id: null, visibility: 'team' });
		expect(Object.keys(macros[0].actions[0])).toEqual(['type', 'value', 'display_value']);
	});
});

describe('macro apply (§9.8)', () => {
	let uuid: string;
	beforeEach(async () => {
		uuid = (await api.post('/api/v1/conversations', newConversation())).body.data.uuid;
	});
	const apply = (macroId: number, body: unknown, as: 'admin' | 'agent' = 'admin') => api.post(`/api/v1/conversations/${uuid}/macros/${macroId}/apply`, body, { as });
	const get = async () => (await api.get(`/api/v1/conversations/${uuid}`)).body.data;

	it('applies the body\'s actions (not the stored ones) and answers without the envelope', async () => {
		const reply = await apply(1, [{ type: 'set_priority', value: ['1'] }, { type: 'add_tags', value: ['vip', 'bug'] }, { type: 'set_status', value: ['4'] }]);
		expect(reply.status).toBe(200);
		expect(reply.text).toBe('{"message":"Macro applied"}');
		expect(await get()).toMatchObject({ priority: 'Low', tags: ['bug', 'vip'], status: 'Closed', assigned_team_id: null });
		expect(sb.state.macros[0].usageCount).toBe(1);
	});

	it('207 when some actions fail, 500 envelope when all fail', async () => {
		const partial = await apply(1, [{ type: 'assign_team', value: ['99'] }, { type: 'assign_user', value: ['3'] }]);
		expect(partial.status).toBe(207);
		expect(partial.body).toEqual({ message: 'Macro partially applied' });
		expect((await get()).assigned_user_id).toBe(3);
		expect(await apply(1, [{ type: 'set_status', value: ['999'] }])).toMatchObject(apiError(500, 'Could not apply macro', 'GeneralException'));
	});

	it('refuses duplicates (400), disallowed types (403), missing permissions (403), unknown macros (404)', async () => {
		expect(await apply(1, [{ type: 'add_tags', value: ['a'] }, { type: 'add_tags', value: ['b'] }])).toMatchObject(apiError(400, 'Duplicate actions not allowed', 'InputException'));
		expect(await apply(3, [{ type: 'send_reply', value: ['hi'] }])).toMatchObject(apiError(403, 'send_reply action not allowed', 'PermissionException'));
		sb.state.setRolePermissions('Agent', ['conversations:read', 'conversations:read_all']);
		expect(await apply(1, [{ type: 'set_priority', value: ['1'] }], 'agent')).toMatchObject(apiError(403, 'Permission denied for some macro actions', 'PermissionException'));
		expect(await apply(999, [])).toMatchObject(apiError(404, 'Macro not found', 'NotFoundException'));
		expect(await apply(1, { type: 'set_priority' })).toMatchObject({ status: 400, body: { message: 'Something went wrong', error_type: 'InputException' } });
	});
});

describe('search (§10)', () => {
	it('needs 3 characters, with the leading-space message', async () => {
		for (const path of ['/api/v1/conversations/search?query=ab', '/api/v1/messages/search?query=', '/api/v1/contacts/search']) {
			expect(await api.get(path)).toMatchObject(apiError(400, ' Please enter at least 3 characters to search.', 'InputException'));
		}
	});

	it('conversations by exact reference number or contact email', async () => {
		const c = sb.state.conversations[5];
		const byRef = (await api.get(`/api/v1/conversations/search?query=${c.referenceNumber}`)).body.data;
		expect(byRef[0]).toEqual({ created_at: expect.any(String), uuid: c.uuid, reference_number: c.referenceNumber, subject: c.subject, status: expect.any(String) });
		const email = sb.state.contact(c.contactId)?.email as string;
		const byEmail = (await api.get(`/api/v1/conversations/search?query=${encodeURIComponent(email.toUpperCase())}`)).body.data;
		expect(byEmail.map((r: { uuid: string }) => r.uuid)).toContain(c.uuid);
	});

	it('messages: text contains, activity lines excluded, at most 30, zero created_at', async () => {
		const found = (await api.get('/api/v1/messages/search?query=marked the conversation')).body.data;
		expect(found).toEqual([]);
		const hits = (await api.get('/api/v1/messages/search?query=the')).body.data;
		expect(hits.length).toBeLessThanOrEqual(30);
		expect(hits.length).toBeGreaterThan(0);
		expect(Object.keys(hits[0])).toEqual(['created_at', 'text_content', 'conversation_created_at', 'conversation_uuid', 'conversation_reference_number', 'conversation_status']);
		expect(hits[0].created_at).toBe('0001-01-01T00:00:00Z');
	});

	it('contacts: type contact only, email contains, at most 15', async () => {
		const hits = (await api.get('/api/v1/contacts/search?query=example')).body.data;
		expect(hits.length).toBe(15);
		expect(Object.keys(hits[0])).toEqual(['id', 'created_at', 'first_name', 'last_name', 'email', 'external_user_id']);
		expect((await api.get('/api/v1/contacts/search?query=visitor.42')).body.data).toEqual([]);
		expect((await api.get('/api/v1/contacts/search?query=abc', { as: 'agent' })).status).toBe(403);
	});
});
