import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/;

describe('POST /conversations (§2.3)', () => {
	it('creates the conversation, its first message and the contact, and answers the bare conversation', async () => {
		const reply = await api.post('/conversations', {
			conversation: {
				subject: 'Knock, knock?',
				category: 'support',
				tag_list: ['joke', 'joke'],
				data: { order: '42' },
				assignee: 'sam@acme.test',
				message: { body: "I've got a great joke", recipients: ['cc@example.com'], attachment: 'https://files.example.com/a/joke.png' },
				user: { name: 'bob', email: 'bob@example.com', data: { plan: 'pro' } },
			},
		});
		expect(reply.status).toBe(200);
		const c = reply.body;
		expect(c).toMatchObject({
			subject: 'Knock, knock?',
			slug: 'knock-knock',
			status: 0,
			origin: 7,
			tag_list: ['joke'],
			message: { body: "I've got a great joke" },
			last_customer_message: { body: "I've got a great joke" },
			last_staff_message: null,
			author: { name: 'bob', email: 'bob@example.com', data: { plan: 'pro' } },
			assignee: { name: 'Sam Rivera', email: 'sam@acme.test' },
			category: { name: 'Support', slug: 'support', email: 'support@acme.test', channel: 1 },
			data: { order: '42' },
			hold_until: null,
			perma_url: 'https://acme.reamaze.io/admin/conversations/knock-knock',
			message_count: 1,
		});
		expect(c.ref_id).toMatch(/^\d{6}$/);
		expect(c.id).toBeGreaterThan(10_000_000);
		expect(c.created_at).toMatch(ISO);
		expect(c.followers.map((f: { email: string }) => f.email)).toEqual(['bob@example.com', 'sam@acme.test']);
		const [message] = sb.state.messagesOf('knock-knock');
		expect(message).toMatchObject({ recipients: ['cc@example.com'], attachments: ['https://files.example.com/a/joke.png'], origin: 7 });
		expect(sb.state.findContact('BOB@example.com')?.data).toEqual({ plan: 'pro' });
	});

	it('makes slugs unique with a suffix', async () => {
		const slugs = [];
		for (let n = 0; n < 3; n++) slugs.push((await api.post('/conversations', newConversation({ subject: 'Where is my order?' }))).body.slug);
		expect(slugs).toEqual(['where-is-my-order', 'where-is-my-order-1', 'where-is-my-order-2']);
	});

	it('replaces the customer data of an existing contact (user.data "completely overrides")', async () => {
		await api.post('/contacts', { contact: { email: 'bob@example.com', data: { a: '1', b: '2' } } });
		await api.post('/conversations', newConversation({ user: { email: 'bob@example.com', data: { c: '3' } } }));
		expect(sb.state.findContact('bob@example.com')?.data).toEqual({ c: '3' });
		expect(sb.state.contacts).toHaveLength(1);
	});

	it('honours the suppress flags under either notification spelling, and suppress_surveys as a date', async () => {
		await api.post('/conversations', newConversation({ subject: 'A', message: { body: 'x', suppress_notification: true, suppress_surveys: '2030-01-01' } }));
		await api.post('/conversations', newConversation({ subject: 'B', message: { body: 'x', suppress_notifications: true, suppress_surveys: true } }));
		expect(sb.state.messagesOf('a')[0]).toMatchObject({ suppressNotifications: true, suppressSurveys: '2030-01-01' });
		expect(sb.state.messagesOf('b')[0]).toMatchObject({ suppressNotifications: true, suppressSurveys: true });
	});

	it('with a staff user, resolves unless suppress_autoresolve, and an explicit status wins', async () => {
		const staffUser = { email: 'priya@acme.test' };
		expect((await api.post('/conversations', newConversation({ subject: 'S1', user: staffUser }))).body.status).toBe(2);
		expect((await api.post('/conversations', newConversation({ subject: 'S2', user: staffUser, message: { body: 'x', suppress_autoresolve: true } }))).body.status).toBe(1);
		expect((await api.post('/conversations', newConversation({ subject: 'S3', status: 3 }))).body.status).toBe(3);
		const held = await api.post('/conversations', newConversation({ subject: 'S4', status: 5, hold_until: '2030-01-01T10:00:00Z' }));
		expect(held.body).toMatchObject({ status: 5, hold_until: '2030-01-01T10:00:00.000+00:00' });
	});

	const fieldErrors: [string, Record<string, unknown>, Record<string, string[]>][] = [
		['missing subject', { subject: undefined }, { subject: ["can't be blank"] }],
		['blank subject', { subject: '  ' }, { subject: ["can't be blank"] }],
		['missing category', { category: undefined }, { category: ["can't be blank"] }],
		['missing message', { message: undefined }, { message: ["can't be blank"], 'message.body': ["can't be blank"] }],
		['missing body', { message: { recipients: [] } }, { 'message.body': ["can't be blank"] }],
		['missing user', { user: undefined }, { user: ["can't be blank"], 'user.email': ["can't be blank"] }],
		['missing user email', { user: { name: 'x' } }, { 'user.email': ["can't be blank"] }],
		['invalid user email', { user: { email: 'nope' } }, { 'user.email': ['is not a valid email address'] }],
		['tag_list not an array', { tag_list: 'a,b' }, { tag_list: ['must be an array of strings'] }],
		['unknown status', { status: 12 }, { status: ['is not included in the list'] }],
		['nested data', { data: { a: { b: 1 } } }, { data: ['can only be one level deep'] }],
		['nested user data', { user: { email: 'a@b.co', data: { a: [1] } } }, { 'user.data': ['can only be one level deep'] }],
		['assignee hash on create', { assignee: { email: 'sam@acme.test' } }, { assignee: ['must be a string'] }],
		['attachment not a URL', { message: { body: 'x', attachments: ['ftp://x'] } }, { 'message.attachments': ['must be absolute http(s) URLs: ftp://x'] }],
		['bad suppress_surveys', { message: { body: 'x', suppress_surveys: 'soon' } }, { 'message.suppress_surveys': ['must be true or a YYYY-MM-DD date'] }],
		['bad hold_until', { status: 5, hold_until: 'tomorrow' }, { hold_until: ['is not a valid ISO 8601 datetime'] }],
	];
	it.each(fieldErrors)('answers 422 {errors} for %s', async (_name, override, errors) => {
		const reply = await api.post('/conversations', newConversation(override));
		expect(reply.status).toBe(422);
		expect(reply.body).toEqual({ errors });
		expect(sb.state.conversations()).toHaveLength(0);
		expect(sb.state.contacts).toHaveLength(0);
	});

	it('answers 422 {errors} when the wrapper is missing', async () => {
		const reply = await api.post('/conversations', { subject: 'x' });
		expect(reply).toMatchObject({ status: 422, body: { errors: { conversation: ['is missing'] } } });
	});

	const refusals: [string, Record<string, unknown>, string][] = [
		['an unknown channel', { category: 'nope' }, 'Channel not found: nope'],
		['a channel of another brand', { category: 'eu-support' }, 'Channel not found: eu-support'],
		['an unknown assignee', { assignee: 'ghost@acme.test' }, 'Staff user not found: ghost@acme.test'],
		['status 5 without hold_until', { status: 5 }, 'hold_until is required when status is 5 (On Hold)'],
	];
	it.each(refusals)('answers 422 {error} for %s', async (_name, override, error) => {
		const reply = await api.post('/conversations', newConversation(override));
		expect(reply).toMatchObject({ status: 422, body: { error } });
		expect(sb.state.conversations()).toHaveLength(0);
	});
});

describe('GET /conversations/{slug} (§2.2)', () => {
	let created: { slug: string; ref_id: string; id: number };
	beforeEach(async () => {
		created = (await api.post('/conversations', newConversation({ subject: 'Lookup me', category: 'sales' }))).body;
		const c = sb.state.findConversation(created.slug);
		if (c) c.originId = 'mail-123';
	});

	it('finds by slug and answers data and last_staff_message, which list items leave out', async () => {
		const one = await api.get(`/conversations/${created.slug}`);
		expect(one.status).toBe(200);
		expect(one.body).toHaveProperty('data');
		expect(one.body).toHaveProperty('last_staff_message');
		const item = (await api.get('/conversations')).body.conversations[0];
		expect(item.slug).toBe(created.slug);
		expect(item).not.toHaveProperty('data');
		expect(item).not.toHaveProperty('last_staff_message');
	});

	it('finds by ref_id with id_type=ref, and not by ref_id without it', async () => {
		expect((await api.get(`/conversations/${created.ref_id}?id_type=ref`)).body.slug).toBe(created.slug);
		expect((await api.get(`/conversations/${created.ref_id}`)).status).toBe(404);
	});

	it('falls back to the database id when the slug lookup fails', async () => {
		expect((await api.get(`/conversations/${created.id}`)).body.slug).toBe(created.slug);
		expect((await api.get(`/conversations/${created.id}?id_type=ref`)).status).toBe(404);
	});

	it('finds by origin id inside a category, optionally checking the channel type', async () => {
		expect((await api.get('/conversations/mail-123?id_type=origin&category=sales')).body.slug).toBe(created.slug);
		expect((await api.get('/conversations/mail-123?id_type=origin&category=sales&channel=1')).body.slug).toBe(created.slug);
		expect((await api.get('/conversations/mail-123?id_type=origin&category=sales&channel=6')).status).toBe(404);
		expect((await api.get('/conversations/mail-123?id_type=origin&category=support')).status).toBe(404);
	});

	it('answers 422 for id_type=origin without category', async () => {
		const reply = await api.get('/conversations/mail-123?id_type=origin');
		expect(reply).toMatchObject({ status: 422, body: { error: 'category is required when id_type=origin' } });
	});

	it('answers 404 for an unknown slug and for another brand’s conversation', async () => {
		expect((await api.get('/conversations/nope')).status).toBe(404);
		expect((await api.get(`/conversations/${created.slug}`, { base: `${sb.url}/acme-eu/api/v1` })).status).toBe(404);
	});
});

describe('PUT /conversations/{slug} (§2.4)', () => {
	let slug: string;
	beforeEach(async () => {
		slug = (await api.post('/conversations', newConversation({ tag_list: ['a', 'b'], data: { keep: '1', change: 'old' } }))).body.slug;
	});

	it('replaces tags, merges data, assigns by hash and moves updated_at on every change', async () => {
		const before = sb.state.findConversation(slug)?.updatedAt ?? 0;
		const reply = await api.put(`/conversations/${slug}`, {
			conversation: { tag_list: ['c'], data: { change: 'new', added: 'x' }, assignee: { email: 'priya@acme.test' }, status: 1 },
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ tag_list: ['c'], data: { keep: '1', change: 'new', added: 'x' }, assignee: { email: 'priya@acme.test' }, status: 1 });
		const after = sb.state.findConversation(slug)?.updatedAt ?? 0;
		expect(after).toBeGreaterThan(before);
		await api.put(`/conversations/${slug}`, { conversation: { status: 2 } });
		expect(sb.state.findConversation(slug)?.updatedAt).toBeGreaterThan(after);
	});

	it('leaves updated_at alone when nothing changes', async () => {
		await api.put(`/conversations/${slug}`, { conversation: { tag_list: ['x'] } });
		const stamp = sb.state.findConversation(slug)?.updatedAt;
		await api.put(`/conversations/${slug}`, { conversation: { tag_list: ['x'] } });
		expect(sb.state.findConversation(slug)?.updatedAt).toBe(stamp);
	});

	it('puts a conversation on hold only with hold_until, and clears it when the status changes', async () => {
		const refused = await api.put(`/conversations/${slug}`, { conversation: { status: 5 } });
		expect(refused).toMatchObject({ status: 422, body: { error: 'hold_until is required when status is 5 (On Hold)' } });
		expect(sb.state.findConversation(slug)?.status).toBe(0);
		const held = await api.put(`/conversations/${slug}`, { conversation: { status: 5, hold_until: '2031-02-03T04:05:06.007+02:00' } });
		expect(held.body).toMatchObject({ status: 5, hold_until: '2031-02-03T02:05:06.007+00:00' });
		expect((await api.put(`/conversations/${slug}`, { conversation: { status: 0 } })).body.hold_until).toBeNull();
	});

	it('refuses a string assignee (422 {errors}) and an unknown staff email (422 {error})', async () => {
		expect(await api.put(`/conversations/${slug}`, { conversation: { assignee: 'sam@acme.test' } })).toMatchObject({
			status: 422,
			body: { errors: { assignee: ['must be a hash with the email of a staff user'] } },
		});
		expect(await api.put(`/conversations/${slug}`, { conversation: { assignee: { email: 'bob@example.com' } } })).toMatchObject({
			status: 422,
			body: { error: 'Staff user not found: bob@example.com' },
		});
		expect(sb.state.findConversation(slug)?.assigneeId).toBeNull();
	});

	it('answers 422 {errors} for malformed fields and changes nothing', async () => {
		const reply = await api.put(`/conversations/${slug}`, { conversation: { status: 'done', tag_list: [1], data: 'x' } });
		expect(reply.status).toBe(422);
		expect(reply.body.errors).toEqual({
			status: ['is not included in the list'],
			tag_list: ['must be an array of strings'],
			data: ['must be a hash of key/value pairs'],
		});
		expect(sb.state.findConversation(slug)?.tagList).toEqual(['a', 'b']);
	});

	it('moves to another email channel, and refuses a non-email or unknown channel', async () => {
		expect((await api.put(`/conversations/${slug}`, { conversation: { category: 'chat' } })).body).toEqual({
			error: 'Conversations can only be moved to an email channel; chat is not one',
		});
		expect((await api.put(`/conversations/${slug}`, { conversation: { category: 'sms' } })).status).toBe(422);
		expect((await api.put(`/conversations/${slug}`, { conversation: { category: 'nope' } })).body).toEqual({ error: 'Channel not found: nope' });
		expect(sb.state.findConversation(slug)?.channelSlug).toBe('support');
		const moved = await api.put(`/conversations/${slug}`, { conversation: { category: 'sales' } });
		expect(moved.body.category).toEqual({ name: 'Sales', slug: 'sales', email: 'sales@acme.test', channel: 1 });
	});

	it('moves across brands only with the destination brand url', async () => {
		expect((await api.put(`/conversations/${slug}`, { conversation: { category: 'eu-support' } })).status).toBe(422);
		expect((await api.put(`/conversations/${slug}`, { conversation: { category: 'eu-support', brand: 'https://nope.reamaze.io' } })).body).toEqual({
			error: 'Brand not found: https://nope.reamaze.io',
		});
		const moved = await api.put(`/conversations/${slug}`, { conversation: { category: 'eu-support', brand: 'https://acme-eu.reamaze.io' } });
		expect(moved.status).toBe(200);
		expect(moved.body.perma_url).toBe(`https://acme-eu.reamaze.io/admin/conversations/${slug}`);
		expect(sb.state.conversations('acme')).toHaveLength(0);
		expect(sb.state.conversations('acme-eu').map((c) => c.slug)).toEqual([slug]);
		expect((await api.get(`/conversations/${slug}`)).status).toBe(404);
		expect((await api.get(`/conversations/${slug}`, { base: `${sb.url}/acme-eu/api/v1` })).status).toBe(200);
	});

	it('accepts the sandbox base URL as the brand reference', async () => {
		const moved = await api.put(`/conversations/${slug}`, { conversation: { category: 'eu-support', brand: `${sb.url}/acme-eu/api/v1` } });
		expect(moved.status).toBe(200);
		expect(sb.state.findConversation(slug)?.brand).toBe('acme-eu');
	});

	it('answers 404 for an unknown conversation', async () => {
		expect((await api.put('/conversations/nope', { conversation: { status: 1 } })).status).toBe(404);
	});
});

describe('GET /conversations filters (§2.1)', () => {
	beforeEach(async () => {
		await api.post('/conversations', newConversation({ subject: 'One', tag_list: ['billing'], data: { plan: 'pro', tier: '1' }, user: { email: 'ann@example.com' } }));
		await api.post('/conversations', newConversation({ subject: 'Two', category: 'sales', tag_list: ['shipping', 'vip'], data: { plan: 'free' }, user: { email: 'ben@example.com' } }));
		await api.post('/conversations', newConversation({ subject: 'Three', assignee: 'sam@acme.test', user: { email: 'ann@example.com' }, message: { body: 'x', recipients: ['cc@example.com'] } }));
		await api.post('/contacts', { contact: { email: 'sso@example.com', id: 'ext-9' } });
		await api.post('/conversations', newConversation({ subject: 'Four', user: { email: 'sso@example.com' } }));
	});
	const subjects = async (query: string) => (await api.get(`/conversations?${query}`)).body.conversations.map((c: { subject: string }) => c.subject);

	it('filters by tag (comma-separated: any), category, data pairs, origin and unassigned', async () => {
		expect(await subjects('tag=billing')).toEqual(['One']);
		expect(await subjects('tag=vip,billing')).toEqual(['Two', 'One']);
		expect(await subjects('category=sales')).toEqual(['Two']);
		expect(await subjects('data[plan]=pro')).toEqual(['One']);
		expect(await subjects('data[plan]=pro&data[tier]=2')).toEqual([]);
		expect(await subjects('origin=7')).toHaveLength(4);
		expect(await subjects('origin=api')).toHaveLength(4);
		expect(await subjects('origin=email')).toEqual([]);
		expect(await subjects('filter=unassigned')).toEqual(['Four', 'Two', 'One']);
	});

	it('filters with for (author, copied recipient, assigned staff) and for_id (SSO id)', async () => {
		expect(await subjects('for=ann@example.com')).toEqual(['Three', 'One']);
		expect(await subjects('for=cc@example.com')).toEqual(['Three']);
		expect(await subjects('for=sam@acme.test')).toEqual(['Three']);
		expect(await subjects('for=unknown@example.com')).toEqual([]);
		expect(await subjects('for_id=ext-9')).toEqual(['Four']);
	});

	it('filters dates on the latest customer message and sorts by updated / changed', async () => {
		const today = new Date().toISOString().slice(0, 10);
		expect(await subjects(`start_date=${today}&end_date=${today}`)).toHaveLength(4);
		expect(await subjects('end_date=2000-01-01')).toEqual([]);
		expect((await api.get('/conversations?start_date=yesterday')).status).toBe(422);
		await api.post('/conversations/one/messages', { message: { body: 'again', user: { email: 'ann@example.com' } } });
		await api.put('/conversations/two', { conversation: { status: 1 } });
		expect((await subjects('sort=updated'))[0]).toBe('One');
		expect((await subjects('sort=changed'))[0]).toBe('Two');
		expect((await subjects(''))[0]).toBe('Four');
	});
});
