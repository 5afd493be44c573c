import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { apiError, client, type Client, newConversation } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const create = (overrides: Record<string, unknown> = {}) => api.post('/api/v1/conversations', newConversation(overrides));
const input400 = (message: string) => apiError(400, message, 'InputException');

describe('POST /api/v1/conversations (§5.1)', () => {
	it('validates in the documented order, with literal backticks', async () => {
		const steps: [Record<string, unknown>, string][] = [
			[{ inbox_id: 0, content: '', contact_email: '', first_name: '', initiator: 'x' }, '`inbox_id` Required'],
			[{ content: '', contact_email: '', first_name: '', initiator: 'x' }, '`content` Required'],
			[{ contact_email: '  ', first_name: '', initiator: 'x' }, '`contact_email` Required'],
			[{ contact_email: 'bad', first_name: '', initiator: 'x' }, '`first_name` Required'],
			[{ contact_email: 'Bob <bob@example.com>', initiator: 'x' }, 'Invalid email address'],
			[{ initiator: 'x' }, 'Something went wrong'],
			[{ inbox_id: 99 }, 'Inbox not found'],
			[{ inbox_id: 3 }, 'globals.messages.disabled'],
			[{ inbox_id: 4 }, 'Something went wrong'],
		];
		for (const [overrides, message] of steps) expect(await create(overrides), message).toMatchObject(input400(message));
		expect(sb.state.conversations).toHaveLength(0);
	});

	it('reads JSON only with a json Content-Type; a type mismatch is 400 Error parsing request', async () => {
		const body = JSON.stringify(newConversation());
		expect(await api.post('/api/v1/conversations', undefined, { raw: body, headers: { 'content-type': 'text/plain' } })).toMatchObject(input400('`inbox_id` Required'));
		expect(await create({ inbox_id: '1' })).toMatchObject(input400('Error parsing request'));
		expect(await create({ attachments: ['1'] })).toMatchObject(input400('Error parsing request'));
		expect(await api.post('/api/v1/conversations', undefined, { raw: '{oops', headers: { 'content-type': 'application/json' } })).toMatchObject(input400('Error parsing request'));
		expect((await api.post('/api/v1/conversations', undefined, { raw: body, headers: { 'content-type': 'application/vnd.api+json' } })).status).toBe(200);
	});

	it('creates an Open conversation, lower-cases the email and suffixes the subject with the reference', async () => {
		const reply = await create({ contact_email: '  New.Person@Example.COM ', subject: 'Where is my order?' });
		expect(reply.status).toBe(200);
		const c = reply.body.data;
		expect(c).toMatchObject({ reference_number: '100', subject: 'Where is my order? - #100', status: 'Open', priority: null, inbox_id: 1, inbox_mail: 'support@desk.test', previous_conversations: null });
		expect(c.contact).toMatchObject({ email: 'new.person@example.com', first_name: 'New', last_name: 'Person', type: 'contact' });
		const second = (await create({ subject: '' })).body.data;
		expect(second).toMatchObject({ reference_number: '101', subject: ' - #101', contact_id: c.contact_id });
	});

	it('reuses an existing contact unchanged', async () => {
		const first = (await create({ first_name: 'Original' })).body.data;
		const second = (await create({ first_name: 'Renamed', last_name: 'Other' })).body.data;
		expect(second.contact_id).toBe(first.contact_id);
		expect(second.contact).toMatchObject({ first_name: 'Original', last_name: 'Person' });
	});

	it('initiator=contact stores an incoming message; initiator=agent queues a pending reply that is sent shortly after', async () => {
		const incoming = (await create({ initiator: 'contact' })).body.data;
		const [received] = sb.state.messagesOf(incoming.uuid);
		expect(received).toMatchObject({ type: 'incoming', status: 'received', senderType: 'contact', contentType: 'html' });
		expect(incoming.waiting_since).not.toBeNull();

		const outgoing = (await create({ initiator: 'agent', contact_email: 'other@example.com', content: 'Hi {{ .Contact.FirstName }}' })).body.data;
		const reply = sb.state.messagesOf(outgoing.uuid).find((m) => m.type === 'outgoing');
		expect(reply).toMatchObject({ status: 'pending', senderId: 2, content: 'Hi New', meta: { to: ['other@example.com'] } });
		await sb.waitForDeliveries();
		expect(reply?.status).toBe('sent');
		expect((await api.get(`/api/v1/conversations/${outgoing.uuid}`)).body.data.first_reply_at).not.toBeNull();
	});

	it('assigns the team first, then the agent; unknown ids are ignored silently', async () => {
		expect((await create({ team_id: 2, agent_id: 3 })).body.data).toMatchObject({ assigned_team_id: 2, assigned_user_id: 3 });
		expect((await create({ team_id: 99, agent_id: 999, contact_email: 'x@example.com' })).body.data).toMatchObject({ assigned_team_id: null, assigned_user_id: null });
		expect((await create({ team_id: 3, contact_email: 'y@example.com' })).body.data).toMatchObject({ assigned_team_id: 3, sla_policy_id: 2, sla_policy_name: 'Premium' });
	});

	it('drops custom attributes not defined for conversations', async () => {
		const c = (await create({ custom_attributes: { order_id: 'ORD-1', plan: 'pro', company: 'nope', random: 1 } })).body.data;
		expect(c.custom_attributes).toEqual({ order_id: 'ORD-1', plan: 'pro' });
	});

	it('an unknown media id answers 500 after the conversation row was created, without a first message', async () => {
		expect(await create({ attachments: [424242] })).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect(sb.state.conversations).toHaveLength(1);
		expect(sb.state.messagesOf(sb.state.conversations[0])).toHaveLength(0);
	});

	it('needs conversations:write (the Agent role lacks it)', async () => {
		expect(await api.post('/api/v1/conversations', newConversation(), { as: 'agent' })).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
	});
});

describe('status (§5.4)', () => {
	let uuid: string;
	beforeEach(async () => {
		uuid = (await create()).body.data.uuid;
	});
	const status = (body: unknown) => api.put(`/api/v1/conversations/${uuid}/status`, body);
	const get = async () => (await api.get(`/api/v1/conversations/${uuid}`)).body.data;

	it('takes a status name; empty → "`status` empty"; unknown → 500', async () => {
		expect(await status({ status: '' })).toMatchObject(input400('`status` empty'));
		expect(await status({ status: 'resolved' })).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect(await status({ status: 3 })).toMatchObject(input400('Error parsing request'));
		expect((await status({ status: 'Resolved' })).body).toEqual({ status: 'success', data: true });
		const c = await get();
		expect(c).toMatchObject({ status: 'Resolved', status_category: 'resolved', status_id: 3, closed_at: null });
		expect(c.resolved_at).not.toBeNull();
		await status({ status: 'Closed' });
		expect((await get()).closed_at).not.toBeNull();
	});

	it('Snoozed needs a Go duration: empty, unparsable and zero or negative are refused', async () => {
		expect(await status({ status: 'Snoozed' })).toMatchObject(input400('`snoozed_until` empty'));
		for (const bad of ['1d', '2026-08-08T10:00:00Z', 'h', '1.5.h', '10']) expect(await status({ status: 'Snoozed', snoozed_until: bad }), bad).toMatchObject(input400('Bad request'));
		for (const zero of ['0', '0s', '-5m']) expect(await status({ status: 'Snoozed', snoozed_until: zero }), zero).toMatchObject(input400('Invalid snooze duration'));
		const before = Date.now();
		expect((await status({ status: 'Snoozed', snoozed_until: '1h30m' })).body.data).toBe(true);
		const until = Date.parse((await get()).snoozed_until);
		expect(until).toBeGreaterThanOrEqual(before + 90 * 60_000 - 1000);
		expect(until).toBeLessThanOrEqual(Date.now() + 90 * 60_000 + 1000);
		await status({ status: 'Snoozed', snoozed_until: '1.5h' });
		await status({ status: 'Open', snoozed_until: 'garbage is ignored' });
		expect((await get()).snoozed_until).toBeNull();
	});

	it('a no-op change writes nothing', async () => {
		const count = sb.state.messagesOf(uuid).length;
		expect((await status({ status: 'Open' })).body.data).toBe(true);
		expect(sb.state.messagesOf(uuid)).toHaveLength(count);
		await status({ status: 'Resolved' });
		const added = sb.state.messagesOf(uuid).slice(count);
		expect(added[0]).toMatchObject({ type: 'activity', private: true, contentType: 'text', textContent: 'Alice Admin marked the conversation as Resolved' });
		// §11: the Support inbox has CSAT on, so a survey goes to the contact once.
		expect(added[1]).toMatchObject({ type: 'outgoing', status: 'pending', meta: { is_csat: true } });
		await status({ status: 'Open' });
		await status({ status: 'Resolved' });
		expect(sb.state.messagesOf(uuid).filter((m) => m.meta.is_csat === true)).toHaveLength(1);
		const listed = (await api.get(`/api/v1/conversations/${uuid}/messages`)).body.data.results;
		expect(listed.find((m: { meta: { is_csat?: boolean } }) => m.meta.is_csat).content).toBe('Please rate this conversation');
	});
});

describe('priority, assignment, tags (§5.5–§5.7)', () => {
	let uuid: string;
	beforeEach(async () => {
		uuid = (await create()).body.data.uuid;
	});
	const get = async () => (await api.get(`/api/v1/conversations/${uuid}`)).body.data;

	it('priority by name; empty refused; unknown names set none', async () => {
		expect(await api.put(`/api/v1/conversations/${uuid}/priority`, { priority: '' })).toMatchObject(input400('`priority` empty'));
		await api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'High' });
		expect(await get()).toMatchObject({ priority: 'High', priority_id: 3 });
		expect((await api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'Urgent!' })).body.data).toBe(true);
		expect(await get()).toMatchObject({ priority: null, priority_id: null });
	});

	it('user assignee: same id is a no-op, an unknown id a 500, a contact id assigned then 500', async () => {
		expect((await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 0 })).body.data).toBe(true);
		expect((await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 4 })).body.data).toBe(true);
		expect((await get()).assigned_user_id).toBe(4);
		expect(await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 9999 })).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		const contactId = (await get()).contact_id;
		expect((await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: contactId })).status).toBe(500);
		expect((await get()).assigned_user_id).toBe(contactId);
		expect((await api.put(`/api/v1/conversations/${uuid}/assignee/user/remove`)).body.data).toBe(true);
		expect((await api.put(`/api/v1/conversations/${uuid}/assignee/user/remove`)).body.data).toBe(true);
		expect((await get()).assigned_user_id).toBeNull();
	});

	it('team assignee: unknown team 400, a change removes the user, remove clears the team', async () => {
		await api.put(`/api/v1/conversations/${uuid}/assignee/user`, { assignee_id: 3 });
		expect(await api.put(`/api/v1/conversations/${uuid}/assignee/team`, { assignee_id: 77 })).toMatchObject(input400('Team not found'));
		await api.put(`/api/v1/conversations/${uuid}/assignee/team`, { assignee_id: 1 });
		expect(await get()).toMatchObject({ assigned_team_id: 1, assigned_user_id: null });
		await api.put(`/api/v1/conversations/${uuid}/assignee/team/remove`);
		expect((await get()).assigned_team_id).toBeNull();
	});

	it('tags by name with set/add/remove; unknown names ignored; other actions 400', async () => {
		const tags = (body: unknown) => api.post(`/api/v1/conversations/${uuid}/tags`, body);
		await tags({ tags: ['bug', 'vip', 'no-such-tag'] });
		expect((await get()).tags).toEqual(['bug', 'vip']);
		await tags({ tags: ['refund'], action: 'add_tags' });
		expect((await get()).tags).toEqual(['bug', 'vip', 'refund']);
		await tags({ tags: ['vip'], action: 'remove_tags' });
		expect((await get()).tags).toEqual(['bug', 'refund']);
		expect(await tags({ tags: ['vip'], action: 'replace' })).toMatchObject(input400('Error parsing request'));
		await tags({ tags: [], action: 'set_tags' });
		expect((await get()).tags).toEqual([]);
	});

	it('custom attributes replace; contact custom attributes shallow-merge; non-objects are 500', async () => {
		await api.put(`/api/v1/conversations/${uuid}/custom-attributes`, { a: 1, b: 2 });
		await api.put(`/api/v1/conversations/${uuid}/custom-attributes`, { c: 3 });
		expect((await get()).custom_attributes).toEqual({ c: 3 });
		await api.put(`/api/v1/conversations/${uuid}/contacts/custom-attributes`, { company: 'Acme', nested: { x: 1 } });
		await api.put(`/api/v1/conversations/${uuid}/contacts/custom-attributes`, { nested: { y: 2 }, company: null });
		expect((await get()).contact.custom_attributes).toEqual({ company: null, nested: { y: 2 } });
		for (const bad of [[1, 2], 'text', null]) {
			expect(await api.put(`/api/v1/conversations/${uuid}/custom-attributes`, bad)).toMatchObject(apiError(500, 'Error parsing request', 'InputException'));
		}
		// Only a valid key is needed (no specific permission).
		expect((await api.put(`/api/v1/conversations/${uuid}/custom-attributes`, { by: 'agent' }, { as: 'agent' })).body.data).toBe(true);
	});

	it('participants are the agents who posted', async () => {
		await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', message: 'note', private: true });
		await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', message: 'note', private: true }, { as: 'agent' });
		expect((await api.get(`/api/v1/conversations/${uuid}/participants`)).body.data).toEqual([
			{ id: 2, first_name: 'Alice', last_name: 'Admin', avatar_url: null },
			{ id: 3, first_name: 'Bob', last_name: 'Agent', avatar_url: null },
		]);
	});

	it('transcript: non-private messages as a text file; page visits are empty', async () => {
		await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', message: 'secret note', private: true });
		await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', message: '<p>Visible reply</p>', to: ['new.person@example.com'] });
		const transcript = await api.get(`/api/v1/conversations/${uuid}/transcript`);
		expect(transcript.headers.get('content-type')).toBe('text/plain; charset=utf-8');
		expect(transcript.headers.get('content-disposition')).toBe('attachment; filename="transcript-100.txt"');
		expect(transcript.text).toContain('Alice Admin: Visible reply');
		expect(transcript.text).toContain('New Person: Hello');
		expect(transcript.text).not.toContain('secret note');
		expect((await api.get(`/api/v1/conversations/${uuid}/page-visits`)).body.data).toEqual([]);
	});

	it('previous_conversations lists the contact\'s other conversations on GET only', async () => {
		const second = (await create({ subject: 'Again' })).body.data;
		expect(second.previous_conversations).toBeNull();
		const fetched = (await api.get(`/api/v1/conversations/${second.uuid}`)).body.data.previous_conversations;
		expect(fetched).toHaveLength(1);
		expect(Object.keys(fetched[0])).toEqual(['id', 'created_at', 'updated_at', 'uuid', 'subject', 'contact', 'last_message', 'last_message_at']);
		expect(fetched[0].uuid).toBe(uuid);
	});
});
