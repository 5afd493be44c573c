import nock from 'nock';
import { NodeApiError } from 'n8n-workflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { Reamaze } from '../../../../nodes/Reamaze/Reamaze.node';
import { conversationItem, distinguish, SEARCH_PAGES_PER_CALL, searchChannels, searchConversations, searchEmailChannels, searchStaff } from '../../../../nodes/Reamaze/methods/listSearch';
import { channelOptions, staffOptions } from '../../../../nodes/Reamaze/methods/loadOptions';
import { fakeLoadOptions, type TestCredentials } from '../../fakeContexts';

const API = 'https://acme.reamaze.io';
const credentials: TestCredentials = { brand: 'acme', email: 'owner@acme.test', apiToken: 'SENTINEL-picker-token' };
const AUTH = `Basic ${Buffer.from('owner@acme.test:SENTINEL-picker-token').toString('base64')}`;

interface Seen {
	method: string;
	path: string;
	headers: Record<string, string>;
}

/** Answers GET `path` (with its exact query) once and records what was sent. */
function answer(path: string, body: unknown, status = 200): Seen[] {
	const seen: Seen[] = [];
	const [pathname, search = ''] = path.split('?');
	const scope = nock(API)
		.get(pathname)
		.query(Object.fromEntries(new URLSearchParams(search)))
		.reply(status, JSON.stringify(body), { 'Content-Type': 'application/json' });
	scope.on('request', (req: Request) => {
		const url = new URL(req.url);
		seen.push({ method: req.method, path: `${url.pathname}${url.search}`, headers: Object.fromEntries(req.headers) });
	});
	return seen;
}

const channels = {
	total_count: 5,
	channels: [
		{ name: 'Support', slug: 'support', channel: 1, email: 'support@acme.test' },
		{ name: 'Website Chat', slug: 'chat', channel: 6, email: null },
		{ name: 'Sales', slug: 'sales', channel: 1, email: 'sales@acme.test' },
		{ name: 'Mystery', slug: 'mystery', channel: 11 },
		{ name: 'No slug', channel: 1 },
	],
};

function staffPage(from: number, count: number, pageCount: number) {
	return {
		page_size: 30,
		page_count: pageCount,
		total_count: 31,
		staff: Array.from({ length: count }, (_, i) => ({ name: `Agent ${String(from + i).padStart(2, '0')}`, email: `agent${from + i}@acme.test`, role: {} })),
	};
}

function conversationsPage(page: number, count: number, pageCount: number, subject = (i: number) => `Question ${i}`) {
	return {
		page_size: 30,
		page_count: pageCount,
		total_count: pageCount * 30,
		conversations: Array.from({ length: count }, (_, i) => {
			const n = (page - 1) * 30 + i;
			return {
				subject: subject(n),
				slug: `question-${n}`,
				status: n % 3,
				created_at: `2026-03-${String((n % 28) + 1).padStart(2, '0')}T09:00:00.000Z`,
				author: { name: `Customer ${n}`, email: `customer${n}@example.com` },
				perma_url: `https://acme.reamaze.io/admin/conversations/question-${n}`,
			};
		}),
	};
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
	expect(nock.pendingMocks()).toEqual([]);
	nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('the node exposes its pickers to n8n', () => {
	it('registers every method the fields name; every account list is a resource locator, none a dropdown', () => {
		const node = new Reamaze();
		expect(Object.keys(node.methods)).toEqual(['listSearch']);
		expect(Object.keys(node.methods.listSearch).sort()).toEqual(['searchChannels', 'searchConversations', 'searchEmailChannels', 'searchStaff']);
		const text = JSON.stringify(node.description.properties);
		expect(text).not.toContain('loadOptionsMethod');
		const named = text.match(/"searchListMethod":"(\w+)"/g) ?? [];
		const methods = new Set(named.map((entry) => entry.split(':')[1].replace(/"/g, '')));
		expect([...methods].sort()).toEqual(['searchChannels', 'searchConversations', 'searchEmailChannels', 'searchStaff']);
	});
});

describe('Channel pickers: GET /channels, not paged (§2.8, §4)', () => {
	it('lists every channel as "Name (slug) · Type", valued by slug, sorted by name', async () => {
		const seen = answer('/api/v1/channels', channels);
		const { results: options } = await searchChannels.call(fakeLoadOptions(credentials));
		expect(seen).toEqual([{ method: 'GET', path: '/api/v1/channels', headers: expect.objectContaining({ authorization: AUTH, accept: 'application/json' }) }]);
		expect(options).toEqual([
			{ name: 'Mystery (mystery) · Type 11', value: 'mystery' },
			{ name: 'Sales (sales) · Email', value: 'sales', description: 'sales@acme.test' },
			{ name: 'Support (support) · Email', value: 'support', description: 'support@acme.test' },
			{ name: 'Website Chat (chat) · Chat', value: 'chat' },
		]);
	});

	it('Move to Channel lists only email channels (type 1), the only valid targets (§2.4)', async () => {
		answer('/api/v1/channels', channels);
		const { results: options } = await searchEmailChannels.call(fakeLoadOptions(credentials));
		expect(options.map((option) => option.value)).toEqual(['sales', 'support']);
	});

	it('the search matches name or slug, ignoring case', async () => {
		answer('/api/v1/channels', channels);
		expect((await searchChannels.call(fakeLoadOptions(credentials), ' CHAT')).results.map((option) => option.value)).toEqual(['chat']);
		answer('/api/v1/channels', channels);
		expect((await searchEmailChannels.call(fakeLoadOptions(credentials), 'sup')).results.map((option) => option.value)).toEqual(['support']);
	});

	it('channelOptions reads a string channel type and names a channel without a name by its slug', () => {
		expect(channelOptions([{ slug: 'x', channel: '1' }], (channel) => Number(channel.channel) === 1)).toEqual([{ name: 'x (x) · Email', value: 'x' }]);
	});

	it('an API error reaches the editor as a NodeApiError, without the token', async () => {
		answer('/api/v1/channels', {}, 403);
		const error = await searchChannels.call(fakeLoadOptions(credentials)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Re:amaze refused access (HTTP 403)');
		expect(JSON.stringify(error)).not.toContain('SENTINEL-picker-token');
	});
});

describe('Staff pickers: GET /staff, every page (§2.7)', () => {
	it('reads all pages and offers "Name (email)" valued by email', async () => {
		const first = answer('/api/v1/staff?page=1', staffPage(1, 30, 2));
		const second = answer('/api/v1/staff?page=2', staffPage(31, 1, 2));
		const { results: options } = await searchStaff.call(fakeLoadOptions(credentials));
		expect([...first, ...second].map((request) => request.path)).toEqual(['/api/v1/staff?page=1', '/api/v1/staff?page=2']);
		expect(options).toHaveLength(31);
		expect(options[0]).toEqual({ name: 'Agent 01 (agent1@acme.test)', value: 'agent1@acme.test' });
		expect(options[30]).toEqual({ name: 'Agent 31 (agent31@acme.test)', value: 'agent31@acme.test' });
	});

	it('staffOptions falls back to the display name or the email, and drops users without an email', () => {
		expect(staffOptions([{ email: 'b@x.test', display_name: 'Bee' }, { email: 'a@x.test' }, { name: 'No Email' }])).toEqual([
			{ name: 'a@x.test', value: 'a@x.test' },
			{ name: 'Bee (b@x.test)', value: 'b@x.test' },
		]);
	});

	it('the Sender list matches the filter on name or email', async () => {
		answer('/api/v1/staff?page=1', {
			page_size: 30,
			page_count: 1,
			staff: [
				{ name: 'Sam Rivera', email: 'sam@acme.test' },
				{ name: 'Priya Patel', email: 'priya@acme.test' },
			],
		});
		expect(await searchStaff.call(fakeLoadOptions(credentials), 'PRIYA')).toEqual({ results: [{ name: 'Priya Patel (priya@acme.test)', value: 'priya@acme.test' }] });
	});
});

describe('Conversation list: GET /conversations?sort=changed, page by page (§2.1)', () => {
	it('without a filter: one page per call, the token is the next page number', async () => {
		const seen = answer('/api/v1/conversations?sort=changed&page=1', conversationsPage(1, 30, 3));
		const result = await searchConversations.call(fakeLoadOptions(credentials));
		expect(seen.map((request) => request.path)).toEqual(['/api/v1/conversations?sort=changed&page=1']);
		expect(result.paginationToken).toBe('2');
		expect(result.results).toHaveLength(30);
		expect(result.results[0]).toEqual({
			name: 'Question 0 · Customer 0 · 2026-03-01 · Open',
			value: 'question-0',
			url: 'https://acme.reamaze.io/admin/conversations/question-0',
		});

		const next = answer('/api/v1/conversations?sort=changed&page=3', conversationsPage(3, 12, 3));
		const last = await searchConversations.call(fakeLoadOptions(credentials), undefined, '3');
		expect(next).toHaveLength(1);
		expect(last.paginationToken).toBeUndefined();
		expect(last.results.map((item) => item.value)[0]).toBe('question-60');
	});

	it('with a filter: matches subject, slug or customer here (the API has no text search), reading at most a few pages per call', async () => {
		const subject = (i: number) => (i === 7 ? 'Refund for order 7' : i === 95 ? 'REFUND please' : `Question ${i}`);
		const seen = Array.from({ length: SEARCH_PAGES_PER_CALL }, (_, i) => answer(`/api/v1/conversations?sort=changed&page=${i + 1}`, conversationsPage(i + 1, 30, 10, subject)));
		const result = await searchConversations.call(fakeLoadOptions(credentials), ' refund ');
		expect(seen.flat()).toHaveLength(SEARCH_PAGES_PER_CALL);
		expect(result.results.map((item) => item.value)).toEqual(['question-7', 'question-95']);
		expect(result.paginationToken).toBe(String(SEARCH_PAGES_PER_CALL + 1));

		answer('/api/v1/conversations?sort=changed&page=1', conversationsPage(1, 30, 1));
		const byCustomer = await searchConversations.call(fakeLoadOptions(credentials), 'customer12@example');
		expect(byCustomer.results.map((item) => item.value)).toEqual(['question-12']);
	});

	it('with a filter: stops at the last page and skips items without a slug', async () => {
		answer('/api/v1/conversations?sort=changed&page=1', {
			page_size: 30,
			page_count: 1,
			conversations: [{ subject: 'no slug here' }, { subject: 'Where is my order?', slug: 'where-is-my-order', status: 2, perma_url: 'javascript:alert(1)' }],
		});
		const result = await searchConversations.call(fakeLoadOptions(credentials), 'where-is');
		// A perma_url that is not https is not offered as a link.
		expect(result).toEqual({ results: [{ name: 'Where is my order? · Done', value: 'where-is-my-order' }] });
	});
});

describe('Conversation rows tell conversations with the same subject apart', () => {
	const base = { subject: 'Where is my order?', status: 0, created_at: '2026-03-14T08:15:00Z' };

	it('by customer (name, else email), created day and status name (its current name only)', () => {
		expect(conversationItem({ ...base, slug: 'a', author: { name: 'Jane Doe', email: 'jane@example.com' } })?.name).toBe('Where is my order? · Jane Doe · 2026-03-14 · Open');
		expect(conversationItem({ ...base, slug: 'a', status: 6, author: { name: 'Jane Doe' } })?.name).toBe('Where is my order? · Jane Doe · 2026-03-14 · Auto-Done');
		expect(conversationItem({ ...base, slug: 'b', status: 5, author: { name: null, email: 'bob@example.com' } })?.name).toBe('Where is my order? · bob@example.com · 2026-03-14 · On Hold');
		// Unknown status numbers and missing fields are left out rather than shown as "undefined".
		expect(conversationItem({ slug: 'c', subject: ' ', status: 42 })?.name).toBe('c');
	});

	it('rows still alike get their (unique) slug; distinct rows stay as they are', async () => {
		const same = { ...base, author: { name: 'Jane Doe' } };
		const rows = distinguish([
			conversationItem({ ...same, slug: 'where-is-my-order' })!,
			conversationItem({ ...same, slug: 'where-is-my-order-2' })!,
			conversationItem({ ...same, slug: 'other', status: 2 })!,
		]);
		expect(rows.map((row) => row.name)).toEqual([
			'Where is my order? · Jane Doe · 2026-03-14 · Open · where-is-my-order',
			'Where is my order? · Jane Doe · 2026-03-14 · Open · where-is-my-order-2',
			'Where is my order? · Jane Doe · 2026-03-14 · Done',
		]);

		answer('/api/v1/conversations?sort=changed&page=1', { page_size: 30, page_count: 1, conversations: [{ ...same, slug: 'x' }, { ...same, slug: 'y' }] });
		const listed = await searchConversations.call(fakeLoadOptions(credentials));
		expect(new Set(listed.results.map((row) => row.name)).size).toBe(2);
	});
});
