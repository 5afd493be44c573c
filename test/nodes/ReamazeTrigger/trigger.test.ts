import nock from 'nock';
import { type IDataObject, type INodeExecutionData, NodeApiError } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ReamazeTrigger, STATE_KEY } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';
import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { client, newConversation } from '../../sandbox/reamaze/test-client.ts';
import { type FakePoll, fakePoll } from '../fakeContexts';

/**
 * The trigger's poll against the sandbox API, driven like n8n drives an active workflow: one
 * context whose static data survives between polls (see fakeContexts.ts for why it is a double).
 */
const trigger = new ReamazeTrigger();
let sandbox: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
	api = client(sandbox);
});
beforeEach(() => {
	sandbox.setFaults(undefined);
	sandbox.reset();
});
afterAll(async () => sandbox.close());

const noRetry = { maxRetryWaitSeconds: 0 };

function activate(parameters: IDataObject): FakePoll {
	return fakePoll(
		{ brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl },
		{ requestOptions: noRetry, ...parameters },
	);
}

async function poll(fake: FakePoll): Promise<INodeExecutionData[] | null> {
	const output = await trigger.poll.call(fake.context);
	return output === null ? null : output[0];
}

const slugs = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.slug);

/** What the fake sent, relative to the API base, in order. */
function sent(fake: FakePoll, from = 0): string[] {
	return fake.calls.slice(from).map((call) => `${call.method} ${call.url.replace(sandbox.baseUrl, '')}`);
}

async function createConversations(count: number, prefix = 'Order'): Promise<string[]> {
	const created: string[] = [];
	for (let i = 1; i <= count; i++) {
		const reply = await api.post('/conversations', newConversation({ subject: `${prefix} ${i}` }, i));
		expect(reply.status).toBe(200);
		created.push(reply.body.slug);
	}
	return created;
}

describe('New Conversation', () => {
	it('first activation starts from now: it emits nothing, then each new conversation once, oldest first', async () => {
		await createConversations(2, 'Before activation');
		const fake = activate({ event: 'newConversation' });

		expect(await poll(fake)).toBeNull();
		expect(sent(fake)).toEqual(['GET /conversations?filter=all&page=1']);
		expect(fake.staticData[STATE_KEY]).toMatchObject({ version: 1, stream: 'newConversation', seen: ['before-activation-2'] });

		const created = await createConversations(3);
		const emitted = await poll(fake);
		expect(slugs(emitted)).toEqual(created);
		expect(emitted?.[0].json).toMatchObject({ subject: 'Order 1', category: { slug: 'support' } });
		expect(sent(fake, 1)).toEqual(['GET /conversations?filter=all&page=1']);

		expect(await poll(fake)).toBeNull();
	});

	it('an account with no conversations yet: everything created after activation is new', async () => {
		const fake = activate({ event: 'newConversation' });
		expect(await poll(fake)).toBeNull();
		expect(fake.staticData[STATE_KEY]).toMatchObject({ cursor: null, seen: [] });
		expect(slugs(await poll(fake))).toEqual([]);
		const created = await createConversations(2);
		expect(slugs(await poll(fake))).toEqual(created);
	});

	it('same-timestamp ties: a conversation created in the cursor\'s millisecond after a poll is still emitted, once', async () => {
		const instant = Date.now() + 60_000;
		sandbox.state.pinClock(instant);
		const [first] = await createConversations(1, 'Tie A');
		const fake = activate({ event: 'newConversation' });
		expect(await poll(fake)).toBeNull();
		expect(fake.staticData[STATE_KEY]).toMatchObject({ cursor: instant, seen: [first] });

		const [second, third] = await createConversations(2, 'Tie B');
		expect(slugs(await poll(fake))).toEqual([second, third]);
		const state = fake.staticData[STATE_KEY] as IDataObject;
		expect(state.cursor).toBe(instant);
		expect(new Set(state.seen as string[])).toEqual(new Set([first, second, third]));
		expect(await poll(fake)).toBeNull();

		sandbox.state.pinClock(undefined);
		const [later] = await createConversations(1, 'After the tie');
		expect(slugs(await poll(fake))).toEqual([later]);
	});

	it('more than a page of new conversations, with the pages moving while it reads: each emitted exactly once', async () => {
		await createConversations(40, 'Old');
		const fake = activate({ event: 'newConversation' });
		await poll(fake);
		const created = await createConversations(45);

		// Before page 2 is read, exactly one page of conversations arrives: page 2 now repeats page 1.
		let arriving: string[] = [];
		fake.before = async (call, index) => {
			if (index === 2 && call.url.includes('page=2')) arriving = await createConversations(30, 'Mid-poll');
		};
		const first = await poll(fake);
		fake.before = undefined;
		// Page 3 holds the last 15 new ones and then older ones: the scan stops there, not at page 4.
		expect(sent(fake, 1)).toEqual([
			'GET /conversations?filter=all&page=1',
			'GET /conversations?filter=all&page=2',
			'GET /conversations?filter=all&page=3',
		]);
		expect(slugs(first)).toEqual(created);

		const second = await poll(fake);
		expect(slugs(second)).toEqual(arriving);
		expect(await poll(fake)).toBeNull();
	});

	it('an API error in the middle of a poll loses and repeats nothing: the cursor stays until a poll succeeds', async () => {
		const fake = activate({ event: 'newConversation' });
		await poll(fake);
		const created = await createConversations(40);
		const before = structuredClone(fake.staticData);

		// Page 1 succeeds, then the API fails from page 2 on.
		fake.before = (call, index) => {
			if (index === 2) sandbox.setFaults({ rate5xx: 1, methods: ['GET'] });
		};
		const failed = await trigger.poll.call(fake.context).catch((error: unknown) => error);
		fake.before = undefined;
		sandbox.setFaults(undefined);
		expect(failed).toBeInstanceOf(NodeApiError);
		expect((failed as NodeApiError).message).toMatch(/^Re:amaze had a server error \(HTTP 50\d\)$/);
		expect(sent(fake, 1)).toEqual(['GET /conversations?filter=all&page=1', 'GET /conversations?filter=all&page=2']);
		expect(fake.staticData).toEqual(before);

		expect(slugs(await poll(fake))).toEqual(created);
		expect(await poll(fake)).toBeNull();
	});

	it('a cut-off answer in the middle of a poll is treated the same way', async () => {
		const fake = activate({ event: 'newConversation' });
		await poll(fake);
		const created = await createConversations(31);
		const before = structuredClone(fake.staticData);
		fake.before = (_call, index) => {
			if (index === 2) sandbox.setFaults({ malformedJsonRate: 1, methods: ['GET'] });
		};
		await expect(trigger.poll.call(fake.context)).rejects.toThrow('Re:amaze sent a response that is not valid JSON');
		fake.before = undefined;
		sandbox.setFaults(undefined);
		expect(fake.staticData).toEqual(before);
		expect(slugs(await poll(fake))).toEqual(created);
	});

	it('manual mode returns the most recent conversation and leaves the cursor alone', async () => {
		const fake = activate({ event: 'newConversation' });
		fake.mode = 'manual';
		expect(await poll(fake)).toBeNull();
		const created = await createConversations(3);
		const items = await poll(fake);
		expect(slugs(items)).toEqual([created[2]]);
		expect(fake.staticData).toEqual({});
	});

	it('changing the event starts over from now', async () => {
		const fake = activate({ event: 'newConversation' });
		await poll(fake);
		await createConversations(1);
		fake.context.getNodeParameter = ((name: string, fallback?: unknown) =>
			({ event: 'updatedConversation', requestOptions: noRetry } as IDataObject)[name] ?? fallback) as typeof fake.context.getNodeParameter;
		expect(await poll(fake)).toBeNull();
		expect(fake.staticData[STATE_KEY]).toMatchObject({ stream: 'updatedConversation' });
	});
});

describe('Updated Conversation (sort=changed: any change, status included)', () => {
	it('emits a conversation when it changes, once per change, with its latest state', async () => {
		const [a, b, c] = await createConversations(3);
		const fake = activate({ event: 'updatedConversation' });
		expect(await poll(fake)).toBeNull();
		expect(sent(fake)).toEqual(['GET /conversations?filter=all&sort=changed&page=1']);

		expect((await api.put(`/conversations/${a}`, { conversation: { status: 2 } })).status).toBe(200);
		expect((await api.post(`/conversations/${c}/messages`, { message: { body: 'Any news?', user: { email: 'bob@example.com' } } })).status).toBe(200);
		const changed = await poll(fake);
		expect(slugs(changed)).toEqual([a, c]);
		expect(changed?.[0].json).toMatchObject({ slug: a, status: 2 });
		expect(await poll(fake)).toBeNull();

		// Two changes between polls: one item, in its latest state.
		await api.put(`/conversations/${b}`, { conversation: { tag_list: ['vip'] } });
		await api.put(`/conversations/${b}`, { conversation: { status: 5, hold_until: '2030-01-01T00:00:00Z' } });
		const twice = await poll(fake);
		expect(twice?.map((item) => item.json)).toEqual([expect.objectContaining({ slug: b, status: 5, tag_list: ['vip'] })]);

		// A new conversation counts as its first change.
		const [created] = await createConversations(1, 'Brand new');
		expect(slugs(await poll(fake))).toEqual([created]);
	});
});

describe('New Message', () => {
	async function thread(): Promise<string> {
		const [slug] = await createConversations(1, 'Thread');
		await api.post(`/conversations/${slug}/messages`, { message: { body: 'Staff reply' } });
		await api.post(`/conversations/${slug}/messages`, { message: { body: 'Staff note', visibility: 1 } });
		await api.post(`/conversations/${slug}/messages`, { message: { body: 'Customer follow-up', user: { email: 'bob@example.com' } } });
		return slug;
	}

	it('emits every new message once, oldest first', async () => {
		const fake = activate({ event: 'newMessage' });
		await poll(fake);
		const slug = await thread();
		const messages = await poll(fake);
		expect(messages?.map((item) => item.json.body)).toEqual(['Body 1', 'Staff reply', 'Staff note', 'Customer follow-up']);
		expect(messages?.every((item) => (item.json.conversation as IDataObject).slug === slug)).toBe(true);
		expect(sent(fake)).toEqual(['GET /messages?page=1', 'GET /messages?page=1']);
		expect(await poll(fake)).toBeNull();
	});

	it('Sent By: customers only, or staff only (replies and notes), through the API\'s filter', async () => {
		const customers = activate({ event: 'newMessage', messageFilter: 'customer' });
		const staff = activate({ event: 'newMessage', messageFilter: 'staff' });
		await poll(customers);
		await poll(staff);
		await thread();
		expect((await poll(customers))?.map((item) => item.json.body)).toEqual(['Body 1', 'Customer follow-up']);
		expect((await poll(staff))?.map((item) => item.json.body)).toEqual(['Staff reply', 'Staff note']);
		expect(sent(customers)).toEqual(['GET /messages?filter=customer&page=1', 'GET /messages?filter=customer&page=1']);
		expect(sent(staff)[1]).toBe('GET /messages?filter=staff&page=1');
		expect(customers.staticData[STATE_KEY]).toMatchObject({ stream: 'newMessage:customer' });
	});

	it('two identical messages in the same millisecond are still two items (ties keyed by content and origin_id)', async () => {
		const [slug] = await createConversations(1);
		const fake = activate({ event: 'newMessage' });
		await poll(fake);
		sandbox.state.pinClock(Date.now() + 60_000);
		await api.post(`/conversations/${slug}/messages`, { message: { body: 'Same', origin_id: 'a' } });
		expect(await poll(fake)).toHaveLength(1);
		await api.post(`/conversations/${slug}/messages`, { message: { body: 'Same', origin_id: 'b' } });
		expect((await poll(fake))?.map((item) => item.json.origin_id)).toEqual(['b']);
		expect(await poll(fake)).toBeNull();
	});
});

describe('New Satisfaction Rating', () => {
	it('asks for ratings created after the cursor (minus a second of margin) and emits each once, ties included', async () => {
		const [slug] = await createConversations(1);
		const conversation = sandbox.state.findConversation(slug)!;
		const instant = Date.now() + 60_000;
		sandbox.state.pinClock(instant);
		const first = sandbox.state.addRating(conversation, 5, 'Great');
		const fake = activate({ event: 'newRating' });
		expect(await poll(fake)).toBeNull();
		expect(sent(fake)).toEqual(['GET /satisfaction_ratings?page=1']);

		const tie = sandbox.state.addRating(conversation, 2, 'Slow');
		sandbox.state.pinClock(instant + 5_000);
		const later = sandbox.state.addRating(conversation, 4);
		const emitted = await poll(fake);
		expect(emitted?.map((item) => item.json.id)).toEqual([tie.id, later.id]);
		expect(emitted?.[0].json).toMatchObject({ rating: 2, comment: 'Slow', conversation_id: String(conversation.id) });
		const createdAfter = new Date(instant - 1000).toISOString();
		expect(sent(fake, 1)).toEqual([`GET /satisfaction_ratings?created_after=${encodeURIComponent(createdAfter)}&page=1`]);
		expect(first.id).not.toBe(tie.id);
		expect(await poll(fake)).toBeNull();
	});

	it('a role without "access reports" gets the API\'s 403 as a clear error, and no cursor', async () => {
		const fake = fakePoll({ brand: 'acme', email: 'lee@acme.test', apiToken: 'lee-token', baseUrl: sandbox.baseUrl }, { event: 'newRating', requestOptions: noRetry });
		await expect(trigger.poll.call(fake.context)).rejects.toThrow('Re:amaze refused access (HTTP 403)');
		expect(fake.staticData).toEqual({});
	});
});

describe('answers the trigger cannot order', () => {
	beforeAll(() => nock.disableNetConnect());
	afterAll(() => {
		nock.cleanAll();
		nock.enableNetConnect();
	});

	it('an item without a readable timestamp fails the poll without moving the cursor', async () => {
		nock.enableNetConnect('127.0.0.1');
		const fake = fakePoll({ brand: 'acme', email: 'owner@acme.test', apiToken: 't' }, { event: 'newConversation', requestOptions: noRetry });
		fake.staticData[STATE_KEY] = { version: 1, stream: 'newConversation', cursor: 1, seen: [] };
		nock('https://acme.reamaze.io')
			.get('/api/v1/conversations')
			.query({ filter: 'all', page: '1' })
			.reply(200, { page_size: 30, page_count: 1, conversations: [{ slug: 'x', created_at: 'yesterday' }] });
		const error = await trigger.poll.call(fake.context).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Re:amaze listed a conversation without a readable "created_at"');
		expect(fake.staticData[STATE_KEY]).toEqual({ version: 1, stream: 'newConversation', cursor: 1, seen: [] });
	});
});
