import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode, TEST_TOKEN } from './run';

const API = 'https://acme.reamaze.io';

/** Records each request nock answers, so tests assert the exact wire shape. */
interface Seen {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

function expectRequest(method: string, path: string | RegExp, status: number, reply: unknown, headers: Record<string, string> = {}): Seen[] {
	const seen: Seen[] = [];
	const scope = nock(API)
		.intercept(path, method)
		.reply(status, typeof reply === 'string' ? reply : JSON.stringify(reply), { 'Content-Type': 'application/json', ...headers });
	// nock 15 hands over a fetch Request; its Headers iterate with lower-case names.
	scope.on('request', (req: Request, _interceptor: unknown, body: string) => {
		const url = new URL(req.url);
		seen.push({
			method: req.method,
			path: `${url.pathname}${url.search}`,
			headers: Object.fromEntries(req.headers),
			body: body ? JSON.parse(body) : body,
		});
	});
	return seen;
}

const conversation = { slug: 'where-is-my-order', subject: 'Where is my order?', status: 0, tag_list: ['refund'] };
const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };
/** A Conversation resource locator value as the editor saves it. */
const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

beforeAll(() => {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
});
afterEach(() => {
	nock.cleanAll();
});
afterAll(() => {
	nock.enableNetConnect();
});

describe('requests on the wire', () => {
	it('Conversation → Create: POST /api/v1/conversations with Basic auth, JSON headers and the wrapped body', async () => {
		const seen = expectRequest('POST', '/api/v1/conversations', 200, conversation);
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'create',
			subject: 'Where is my order?',
			channel: { __rl: true, mode: 'slug', value: 'support' },
			body: 'Hello',
			customerEmail: 'bob@example.com',
			customerName: 'Bob',
			additionalFields: { tags: 'refund', suppressNotifications: true },
		});
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].path).toBe('/api/v1/conversations');
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].headers.accept).toBe('application/json');
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({
			conversation: {
				subject: 'Where is my order?',
				category: 'support',
				tag_list: ['refund'],
				message: { body: 'Hello', suppress_notification: true, suppress_notifications: true },
				user: { email: 'bob@example.com', name: 'Bob' },
			},
		});
		expect(run.items).toEqual([{ json: conversation, pairedItem: { item: 0 } }]);
	});

	it('Conversation → Get by slug: GET with no body and no query', async () => {
		const seen = expectRequest('GET', '/api/v1/conversations/where-is-my-order', 200, conversation);
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'get',
			lookupBy: 'conversation',
			conversation: locator('slug', 'where-is-my-order'),
			simplify: false,
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].path).toBe('/api/v1/conversations/where-is-my-order');
		expect(seen[0].headers['content-type']).toBeUndefined();
		expect(seen[0].body).toBe('');
		expect(run.items[0].json).toEqual(conversation);
	});

	it('Conversation → Get simplifies by default, as Get Many does: the status comes with its name', async () => {
		expectRequest('GET', '/api/v1/conversations/where-is-my-order', 200, { ...conversation, status: 5, ref_id: 4821, data: { order: '7' } });
		const run = await runReamazeNode({ resource: 'conversation', operation: 'get', conversation: locator('slug', 'where-is-my-order') });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ slug: 'where-is-my-order', ref_id: 4821, status: 5, status_name: 'On Hold', data: { order: '7' } });
	});

	it('Conversation → Get by origin ID: id_type, category and channel in the query, the ID percent-encoded', async () => {
		const seen = expectRequest('GET', /^\/api\/v1\/conversations\/.*/, 200, conversation);
		await runReamazeNode({
			resource: 'conversation',
			operation: 'get',
			lookupBy: 'origin',
			originId: '<abc/1@mail.example>',
			originChannel: { __rl: true, mode: 'slug', value: 'support' },
			originChannelType: 1,
		});
		expect(seen[0].path).toBe('/api/v1/conversations/%3Cabc%2F1%40mail.example%3E?id_type=origin&category=support&channel=1');
	});

	it('Conversation → Get by reference ID', async () => {
		const seen = expectRequest('GET', /^\/api\/v1\/conversations\/.*/, 200, conversation);
		await runReamazeNode({ resource: 'conversation', operation: 'get', lookupBy: 'conversation', conversation: locator('ref', '4821') });
		expect(seen[0].path).toBe('/api/v1/conversations/4821?id_type=ref');
	});

	it('Conversation → Get by URL: the slug of the brand\'s conversation address, from an expression', async () => {
		const seen = expectRequest('GET', /^\/api\/v1\/conversations\/.*/, 200, conversation);
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'get', conversation: locator('url', '={{ $json.link }}') },
			{ items: [{ link: 'https://acme.reamaze.io/admin/conversations/where-is-my-order#message-3' }] },
		);
		expect(run.error).toBeUndefined();
		expect(seen.map((request) => request.path)).toEqual(['/api/v1/conversations/where-is-my-order']);
	});

	it('Conversation → Get by URL of another host: refused before any request', async () => {
		const seen = expectRequest('GET', /^\/api\/v1\/conversations\/.*/, 200, conversation);
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'get',
			conversation: locator('url', 'https://acme.reamaze.io.evil.com/admin/conversations/where-is-my-order'),
		});
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('Item 1: Conversation URL must be on acme.reamaze.io (the brand of the credential), not "acme.reamaze.io.evil.com"');
		expect(seen).toEqual([]);
	});

	it('Conversation → Update: PUT with the hash assignee and On Hold', async () => {
		const seen = expectRequest('PUT', '/api/v1/conversations/where-is-my-order', 200, { ...conversation, status: 5 });
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'update',
			conversation: locator('list', 'where-is-my-order'),
			updateFields: { assignee: { __rl: true, mode: 'email', value: 'agent@acme.test' }, status: 5, holdUntil: '2026-12-01T09:00:00Z' },
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({
			conversation: { assignee: { email: 'agent@acme.test' }, status: 5, hold_until: '2026-12-01T09:00:00Z' },
		});
	});

	it('Conversation → Update with Tags Mode "add": reads the tags first, then PUTs the merged list', async () => {
		const read = expectRequest('GET', '/api/v1/conversations/where-is-my-order', 200, conversation);
		const write = expectRequest('PUT', '/api/v1/conversations/where-is-my-order', 200, conversation);
		await runReamazeNode({
			resource: 'conversation',
			operation: 'update',
			conversation: { __rl: true, mode: 'slug', value: 'where-is-my-order' },
			updateFields: { tags: 'vip', tagsMode: 'add' },
		});
		expect(read).toHaveLength(1);
		expect(write[0].body).toEqual({ conversation: { tag_list: ['refund', 'vip'] } });
	});

	it('Conversation → Update by reference ID: one GET with id_type=ref finds the slug (and the tags), then the PUT', async () => {
		const read = expectRequest('GET', '/api/v1/conversations/4821?id_type=ref', 200, conversation);
		const write = expectRequest('PUT', '/api/v1/conversations/where-is-my-order', 200, conversation);
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'update',
			conversation: locator('ref', '4821'),
			updateFields: { tags: 'vip', tagsMode: 'add', moveToChannel: { __rl: true, mode: 'slug', value: 'billing' } },
		});
		expect(run.error).toBeUndefined();
		expect(read.map((request) => request.path)).toEqual(['/api/v1/conversations/4821?id_type=ref']);
		expect(write[0].body).toEqual({ conversation: { tag_list: ['refund', 'vip'], category: 'billing' } });
	});

	it('Conversation → Update by reference ID that Re:amaze does not know: 404 naming the reference, no PUT', async () => {
		expectRequest('GET', '/api/v1/conversations/999?id_type=ref', 404, {});
		const write = expectRequest('PUT', /.*/, 200, conversation);
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'update',
			conversation: locator('ref', '999'),
			updateFields: { status: 2 },
			...noRetry,
		});
		expect(run.error?.message).toBe('Not found (HTTP 404): no conversation with reference ID "999"');
		expect(write).toEqual([]);
	});

	it('Message → Create: POST to the conversation with visibility and origin_id', async () => {
		const seen = expectRequest('POST', '/api/v1/conversations/where-is-my-order/messages', 200, { body: 'Note', visibility: 1 });
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'create',
			conversation: locator('url', 'https://acme.reamaze.io/admin/conversations/where-is-my-order'),
			body: 'Note',
			visibility: 1,
			additionalFields: { originId: 'crm-1' },
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].body).toEqual({ message: { body: 'Note', visibility: 1, origin_id: 'crm-1' } });
		expect(run.items).toEqual([{ json: { body: 'Note', visibility: 1 }, pairedItem: { item: 0 } }]);
	});

	it('Message → Create by reference ID, with a sender picked from the staff list: GET id_type=ref, then POST to the slug', async () => {
		const read = expectRequest('GET', '/api/v1/conversations/4821?id_type=ref', 200, conversation);
		const seen = expectRequest('POST', '/api/v1/conversations/where-is-my-order/messages', 200, { body: 'Hi' });
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'create',
			conversation: locator('ref', '4821'),
			body: 'Hi',
			additionalFields: { senderEmail: locator('list', 'sam@acme.test') },
		});
		expect(run.error).toBeUndefined();
		expect(read).toHaveLength(1);
		expect(seen[0].body).toEqual({ message: { body: 'Hi', visibility: 0, user: { email: 'sam@acme.test' } } });
	});

	it('Message → Create with older parameters: a plain slug and a plain sender email', async () => {
		const seen = expectRequest('POST', '/api/v1/conversations/where-is-my-order/messages', 200, { body: 'Hi' });
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'create',
			conversation: { __rl: true, mode: 'slug', value: 'where-is-my-order' },
			body: 'Hi',
			additionalFields: { senderEmail: { __rl: true, mode: 'email', value: 'bob@example.com' }, senderName: 'Bob' },
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].body).toEqual({ message: { body: 'Hi', visibility: 0, user: { email: 'bob@example.com', name: 'Bob' } } });
	});

	it('Message → Create by reference ID with bad input: refused before the lookup', async () => {
		const read = expectRequest('GET', /.*/, 200, conversation);
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'create',
			conversation: locator('ref', '4821'),
			body: 'Hi',
			additionalFields: { senderEmail: locator('email', 'not-an-email') },
		});
		expect(run.error?.message).toBe('Item 1: Sender "not-an-email" is not an email address');
		expect(read).toEqual([]);
	});
});

describe('API errors become NodeApiError with a message a user understands', () => {
	const get = { resource: 'conversation', operation: 'get', conversation: locator('slug', 'missing'), ...noRetry };

	it.each([
		[401, {}, 'did not accept the credentials', 'Check the login email and API token'],
		[403, {}, 'refused access', 'Check the login email and API token'],
		[404, {}, 'no conversation with slug "missing"', 'Check the identifier'],
		[422, { errors: { category: ['is not a valid channel'] } }, 'refused the request (HTTP 422): category is not a valid channel', 'Re:amaze explained'],
		[422, { error: 'Hold until is required' }, 'refused the request (HTTP 422): Hold until is required', 'Re:amaze explained'],
		[429, {}, 'rate limit reached', 'limits requests per API token'],
		[500, {}, 'server error (HTTP 500)', 'Try again later'],
	])('HTTP %i', async (status, body, message, description) => {
		expectRequest('GET', '/api/v1/conversations/missing', status, body);
		const run = await runReamazeNode(get);
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.message).toContain(message);
		expect(run.error?.description).toContain(description);
		expect(run.error?.httpCode).toBe(String(status));
		expect(JSON.stringify(run.result.runData)).not.toContain(TEST_TOKEN);
		expect(run.error?.message).not.toContain(TEST_TOKEN);
	});

	it('an HTML error page with status 200 is a clear NodeApiError, not a TypeError', async () => {
		expectRequest('GET', '/api/v1/conversations/missing', 200, '<html><body>Bad gateway</body></html>');
		const run = await runReamazeNode(get);
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('Re:amaze sent an HTML page instead of JSON (HTTP 200)');
	});

	it('a redirect is not followed, so the Authorization header never leaves the host', async () => {
		expectRequest('GET', '/api/v1/conversations/missing', 302, '', { Location: 'https://evil.example/steal' });
		const evil = nock('https://evil.example').get('/steal').reply(200, '{}');
		const run = await runReamazeNode(get);
		expect(run.error?.message).toContain('redirect (HTTP 302)');
		expect(evil.isDone()).toBe(false);
	});
});

describe('continueOnFail', () => {
	it('turns each failed item into an error item and keeps every pairedItem and the order', async () => {
		expectRequest('GET', '/api/v1/conversations/first', 200, { slug: 'first' });
		expectRequest('GET', '/api/v1/conversations/missing', 404, {});
		expectRequest('GET', '/api/v1/conversations/third', 200, { slug: 'third' });
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'get', conversation: locator('slug', '={{ $json.slug }}'), simplify: false, ...noRetry },
			{ items: [{ slug: 'first' }, { slug: 'missing' }, { slug: '' }, { slug: 'third' }], continueOnFail: true },
		);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(run.items[0].json).toEqual({ slug: 'first' });
		expect(run.items[1].json.error).toContain('Not found (HTTP 404)');
		expect(run.items[2].json.error).toBe('Item 3: Conversation Slug is required');
		expect(run.items[3].json).toEqual({ slug: 'third' });
	});

	it('without continueOnFail, bad input stops the run with a NodeOperationError naming item and field, before any request', async () => {
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'update', conversation: locator('slug', 'x'), updateFields: { status: 5 } },
			{ items: [{}] },
		);
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('Item 1: Hold Until is required when the status is On Hold (5)');
		expect(nock.pendingMocks()).toEqual([]);
	});

	it('a hostile brand is rejected before any request', async () => {
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'get', conversation: locator('list', 'x') },
			{ credentials: { brand: 'evil.com#' } },
		);
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toContain('Re:amaze credential: Brand must be the subdomain');
	});
});
