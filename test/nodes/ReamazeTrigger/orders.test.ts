import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { MAX_PAGES_PER_POLL, ReamazeTrigger, STATE_KEY } from '../../../nodes/ReamazeTrigger/ReamazeTrigger.node';
import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { client, newConversation } from '../../sandbox/reamaze/test-client.ts';
import { appendMessage } from '../../sandbox/reamaze/thread.ts';
import type { Conversation } from '../../sandbox/reamaze/types.ts';
import { type FakePoll, fakePoll } from '../fakeContexts';

/**
 * Scripted polls of every event against a brand whose lists are longer than the trigger's page cap
 * (more than 100 pages of 30), served in the documented order and reversed: each new item is
 * emitted exactly once, and a poll reads a few pages, not the whole list, whatever the order.
 */
const trigger = new ReamazeTrigger();
const LONG = MAX_PAGES_PER_POLL * 30 + 100;
let sandbox: Sandbox;
let api: ReturnType<typeof client>;

function seedRatings(count: number): void {
	const conversations = sandbox.state.conversations();
	const start = Date.now() - 30 * 86_400_000;
	for (let i = 0; i < count; i++) {
		sandbox.state.pinClock(start + i * 60_000);
		sandbox.state.addRating(conversations[i % conversations.length], 1 + (i % 5));
	}
	sandbox.state.pinClock(undefined);
}

beforeAll(async () => {
	sandbox = await startSandbox({ seed: 5, conversations: LONG });
	api = client(sandbox);
});
afterAll(async () => sandbox.close());

function activate(parameters: IDataObject, on: Sandbox = sandbox): FakePoll {
	return fakePoll(
		{ brand: 'acme', email: on.email, apiToken: on.token, baseUrl: on.baseUrl },
		{ requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters },
	);
}

async function poll(fake: FakePoll): Promise<INodeExecutionData[] | null> {
	const output = await trigger.poll.call(fake.context);
	return output === null ? null : output[0];
}

const requestsOf = (fake: FakePoll, from: number) => fake.calls.length - from;

describe.each(['natural', 'reversed'] as const)('lists longer than the page cap, served in %s order', (order) => {
	// Seeded once per order: every test activates its own trigger, so items earlier tests added are history to it.
	beforeAll(() => {
		sandbox.setListOrder('natural');
		sandbox.reset();
		seedRatings(LONG);
		sandbox.setListOrder(order);
	});
	afterAll(() => sandbox.setListOrder('natural'));

	it('the lists really are longer than the cap', async () => {
		for (const path of ['/conversations?filter=all', '/messages', '/satisfaction_ratings']) {
			expect((await api.get(path)).body.page_count, path).toBeGreaterThan(MAX_PAGES_PER_POLL);
		}
	});

	it('New Conversation: each new conversation once, oldest first; a poll reads a few pages', async () => {
		const fake = activate({ event: 'newConversation' });
		expect(await poll(fake)).toBeNull();
		expect(fake.calls.length).toBeLessThanOrEqual(2);

		const created: string[] = [];
		for (let i = 1; i <= 3; i++) created.push((await api.post('/conversations', newConversation({ subject: `New ${order} ${i}` }, i))).body.slug);
		let from = fake.calls.length;
		expect((await poll(fake))?.map((item) => item.json.slug)).toEqual(created);
		expect(requestsOf(fake, from)).toBeLessThanOrEqual(3);
		from = fake.calls.length;
		expect(await poll(fake)).toBeNull();
		expect(requestsOf(fake, from)).toBeLessThanOrEqual(3);
	});

	it('Updated Conversation: each change once, in its latest state', async () => {
		const fake = activate({ event: 'updatedConversation' });
		expect(await poll(fake)).toBeNull();
		const [old1, old2] = sandbox.state.conversations().slice(10, 12).map((conversation) => conversation.slug);
		expect((await api.put(`/conversations/${old1}`, { conversation: { tag_list: ['moved'] } })).status).toBe(200);
		expect((await api.put(`/conversations/${old2}`, { conversation: { status: 3 } })).status).toBe(200);
		const created = (await api.post('/conversations', newConversation({ subject: `Updated ${order}` }))).body.slug;
		const from = fake.calls.length;
		const changed = await poll(fake);
		expect(changed?.map((item) => item.json.slug)).toEqual([old1, old2, created]);
		expect(changed?.[1].json).toMatchObject({ slug: old2, status: 3 });
		expect(requestsOf(fake, from)).toBeLessThanOrEqual(3);
		expect(await poll(fake)).toBeNull();
	});

	it('New Message: asks for messages since the cursor (start_date) and emits each once', async () => {
		const fake = activate({ event: 'newMessage' });
		expect(await poll(fake)).toBeNull();
		const slugs = sandbox.state.conversations().slice(0, 3).map((conversation) => conversation.slug);
		for (const [n, slug] of slugs.entries()) {
			expect((await api.post(`/conversations/${slug}/messages`, { message: { body: `Reply ${order} ${n}` } })).status).toBe(200);
		}
		const from = fake.calls.length;
		expect((await poll(fake))?.map((item) => item.json.body)).toEqual(['Reply ' + order + ' 0', `Reply ${order} 1`, `Reply ${order} 2`]);
		expect(requestsOf(fake, from)).toBe(1);
		expect(fake.calls[from].url).toMatch(/[?&]start_date=/);
		expect(await poll(fake)).toBeNull();
	});

	it('New Satisfaction Rating: asks for ratings since the cursor (created_after) and emits each once', async () => {
		const fake = activate({ event: 'newRating' });
		expect(await poll(fake)).toBeNull();
		const conversation = sandbox.state.conversations()[0];
		const added = [sandbox.state.addRating(conversation, 5, 'Quick'), sandbox.state.addRating(conversation, 2, 'Slow')];
		const from = fake.calls.length;
		expect((await poll(fake))?.map((item) => item.json.id)).toEqual(added.map((rating) => rating.id));
		expect(requestsOf(fake, from)).toBe(1);
		expect(fake.calls[from].url).toMatch(/[?&]created_after=/);
		expect(await poll(fake)).toBeNull();
	});
});

describe.each(['natural', 'reversed'] as const)('more new conversations than one poll reads (%s order)', (order) => {
	beforeAll(() => sandbox.setListOrder(order));
	afterAll(() => sandbox.setListOrder('natural'));

	/** A trigger whose cursor stands before every conversation of the long list. */
	function behindEverything(options: IDataObject): FakePoll {
		const fake = activate({ event: 'newConversation', requestOptions: { maxRetryWaitSeconds: 0, catchUpWindowHours: 24 * 365, ...options } });
		const oldest = Math.min(...sandbox.state.conversations().map((conversation) => conversation.createdAt));
		fake.staticData[STATE_KEY] = { version: 1, stream: 'newConversation', cursor: oldest - 1, seen: [] };
		return fake;
	}

	it('a poll emits the newest 3,000 and one item first that counts the older ones it skipped', async () => {
		const total = sandbox.state.conversations().length;
		const newest = [...sandbox.state.conversations()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
		// Newest first: pages 1 to 100. Oldest first: page 1 (the oldest 30, new as well) and the last 99 pages, backwards.
		const lastPage = Math.ceil(total / 30);
		const skipped = order === 'natural' ? total - 3_000 : (lastPage - 100) * 30;
		const read = order === 'natural' ? newest.slice(0, 3_000) : [...newest.slice(0, total - 30 - skipped), ...newest.slice(-30)];
		const fake = behindEverything({});
		const output = (await poll(fake)) ?? [];
		expect(output[0].json).toMatchObject({ event: 'newConversation', skipped, skippedExact: false });
		expect(output[0].json.notice).toBe(
			`Skipped about ${skipped} conversations: about ${skipped} older ones were beyond what one poll reads (100 pages of 30, or 1,000 with "Emit Everything Missed").`,
		);
		const expected = read.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id).map((conversation) => conversation.slug);
		expect(output.slice(1).map((item) => item.json.slug)).toEqual(expected);
		// 100 pages, then a binary search over the rest instead of reading it.
		expect(fake.calls.length).toBeLessThanOrEqual(100 + 8);
		expect(await poll(fake)).toBeNull();
	}, 120_000);

	it('"Emit Everything Missed" reads on and emits all of them, oldest first', async () => {
		const total = sandbox.state.conversations().length;
		const fake = behindEverything({ afterPause: 'catchUp' });
		const output = (await poll(fake)) ?? [];
		expect(output).toHaveLength(total);
		expect(output.every((item) => item.json.skipped === undefined)).toBe(true);
		const times = output.map((item) => Date.parse(item.json.created_at as string));
		expect(times).toEqual([...times].sort((a, b) => a - b));
	}, 120_000);
});

/**
 * A pause longer than the Catch-Up Window: by default the trigger resumes from now and says how
 * many items it skipped; "Emit Everything Missed" catches up instead, in batches of at most the
 * page cap, oldest first, losing and repeating nothing.
 */
describe('after a long pause', () => {
	const HOUR = 3_600_000;
	const DAY = 24 * HOUR;
	let quiet: Sandbox;
	let quietApi: ReturnType<typeof client>;
	beforeAll(async () => {
		quiet = await startSandbox({ seed: false });
		quietApi = client(quiet);
	});
	beforeEach(() => {
		quiet.setListOrder('natural');
		quiet.reset();
	});
	afterAll(async () => quiet.close());

	function messageAt(conversation: Conversation, at: number, body: string): void {
		quiet.state.pinClock(at);
		appendMessage(quiet.state, conversation, conversation.author, {
			body,
			visibility: 0,
			originId: null,
			recipients: [],
			attachments: [],
			suppressNotifications: false,
			suppressAutoresolve: false,
			suppressSurveys: false,
		});
		quiet.state.pinClock(undefined);
	}

	/** Activates three days ago (the cursor stands at the message of then), then adds `old` messages over the pause and 2 in the last hour. */
	async function pausedStream(options: IDataObject, old: number, order: 'natural' | 'reversed' = 'natural') {
		const now = Date.now();
		const start = now - 3 * DAY;
		quiet.state.pinClock(start);
		const slug = (await quietApi.post('/conversations', newConversation({ subject: 'Before the pause' }))).body.slug as string;
		quiet.state.pinClock(undefined);
		const conversation = quiet.state.findConversation(slug) as Conversation;
		const fake = activate({ event: 'newMessage', requestOptions: { maxRetryWaitSeconds: 0, ...options } }, quiet);
		expect(await poll(fake)).toBeNull();
		for (let i = 0; i < old; i++) messageAt(conversation, start + HOUR + Math.floor((i * 2 * DAY) / old), `Missed ${i}`);
		messageAt(conversation, now - 30 * 60_000, 'Recent 1');
		messageAt(conversation, now - 10 * 60_000, 'Recent 2');
		quiet.setListOrder(order);
		return fake;
	}

	it.each(['natural', 'reversed'] as const)('by default (%s order): resumes from now, emits the recent ones and one item saying how many were skipped', async (order) => {
		const fake = await pausedStream({}, 40, order);
		const output = await poll(fake);
		expect(output).toHaveLength(3);
		expect(output?.[0].json).toMatchObject({ skipped: 40, skippedExact: true, event: 'newMessage' });
		expect(output?.[0].json.notice).toMatch(/^Skipped 40 messages: 40 were more than 24 hours old when this poll first saw them/);
		expect(output?.slice(1).map((item) => item.json.body)).toEqual(['Recent 1', 'Recent 2']);
		expect(await poll(fake)).toBeNull();
	});

	it('a Catch-Up Window of 96 hours emits everything, with no skip item', async () => {
		const fake = await pausedStream({ catchUpWindowHours: 96 }, 40);
		const output = await poll(fake);
		expect(output?.map((item) => item.json.body)).toEqual([...Array.from({ length: 40 }, (_, i) => `Missed ${i}`), 'Recent 1', 'Recent 2']);
	});

	it.each(['natural', 'reversed'] as const)(
		'"Emit Everything Missed" (%s order) catches up beyond the page cap over several polls, oldest first, each message once',
		async (order) => {
			const missed = MAX_PAGES_PER_POLL * 30 + 250;
			const fake = await pausedStream({ afterPause: 'catchUp' }, missed, order);
			const bodies: string[] = [];
			for (let polls = 0; polls < 5; polls++) {
				const output = await poll(fake);
				if (output === null) break;
				expect(output.length).toBeLessThanOrEqual(MAX_PAGES_PER_POLL * 30);
				expect(output.every((item) => item.json.skipped === undefined)).toBe(true);
				bodies.push(...output.map((item) => item.json.body as string));
			}
			expect(bodies).toEqual([...Array.from({ length: missed }, (_, i) => `Missed ${i}`), 'Recent 1', 'Recent 2']);
			expect(await poll(fake)).toBeNull();
		},
		120_000,
	);

	it.each(['natural', 'reversed'] as const)('New Conversation after a pause (%s order): skipped conversations are counted too', async (order) => {
		const now = Date.now();
		quiet.state.pinClock(now - 3 * DAY);
		await quietApi.post('/conversations', newConversation({ subject: 'Before the pause' }));
		quiet.state.pinClock(undefined);
		const fake = activate({ event: 'newConversation' }, quiet);
		expect(await poll(fake)).toBeNull();
		for (let i = 0; i < 35; i++) {
			quiet.state.pinClock(now - 2 * DAY + i * 60_000);
			await quietApi.post('/conversations', newConversation({ subject: `Missed ${i}` }, i));
		}
		quiet.state.pinClock(now - 5 * 60_000);
		const recent = (await quietApi.post('/conversations', newConversation({ subject: 'Recent' }))).body.slug;
		quiet.state.pinClock(undefined);
		quiet.setListOrder(order);
		const output = await poll(fake);
		expect(output?.[0].json).toMatchObject({ skipped: 35, skippedExact: true, event: 'newConversation' });
		expect(output?.slice(1).map((item) => item.json.slug)).toEqual([recent]);
		expect(await poll(fake)).toBeNull();
	});
});
