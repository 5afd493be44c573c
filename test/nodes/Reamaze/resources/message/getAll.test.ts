import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { buildMessageQuery, buildMessagesPath, type MessageFilters } from '../../../../../nodes/Reamaze/resources/message/getAll';
import { InputError } from '../../../../../nodes/shared/errors';
import { BASIC_AUTH, runReamazeNode } from '../../run';
import { onRequest, resetWire, wireLog } from '../../wire';

function failure(run: () => unknown): InputError {
	try {
		run();
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('buildMessagesPath', () => {
	it('lists the whole brand by default', () => {
		expect(buildMessagesPath('all', undefined)).toEqual(['messages']);
		expect(buildMessagesPath(undefined, 'ignored')).toEqual(['messages']);
	});

	it('lists one conversation by slug', () => {
		expect(buildMessagesPath('conversation', ' where-is-my-order ')).toEqual(['conversations', 'where-is-my-order', 'messages']);
	});

	it.each([
		[['conversation', ''], 'Conversation Slug'],
		[['conversation', '..'], 'Conversation Slug'],
		[['brand', 'x'], 'Scope'],
	])('rejects %j', ([scope, slug], field) => {
		expect(failure(() => buildMessagesPath(scope, slug)).field).toBe(field);
	});
});

describe('buildMessageQuery', () => {
	it('sends nothing for no filters', () => {
		expect(buildMessageQuery({}, false)).toEqual({});
	});

	it('maps every documented filter, origin as a number', () => {
		expect(
			buildMessageQuery(
				{
					filter: 'customer',
					tags: 'refund, vip',
					origin: '7',
					sentBy: ' bob@example.com ',
					channel: { __rl: true, mode: 'slug', value: ' support ' },
					startDate: '2026-11-01T00:00:00Z',
					endDate: '2026-11-23T23:59:59Z',
				},
				true,
			),
		).toEqual({
			filter: 'customer',
			tag: 'refund,vip',
			origin: 7,
			sent_by: 'bob@example.com',
			category: 'support',
			start_date: '2026-11-01T00:00:00Z',
			end_date: '2026-11-23T23:59:59Z',
			include: 'original_body',
		});
		expect(buildMessageQuery({ filter: 'staff', origin: 1 }, false)).toEqual({ filter: 'staff', origin: 1 });
	});

	it.each<[MessageFilters, unknown, string]>([
		[{ filter: 'bots' }, false, 'From'],
		[{ origin: 'email' }, false, 'Origin'],
		[{ origin: -1 }, false, 'Origin'],
		[{ sentBy: 'bob' }, false, 'Sent By'],
		[{ startDate: 'last week' }, false, 'Start Date'],
		[{ endDate: '31/12/2026' }, false, 'End Date'],
		[{ tags: [{}] }, false, 'Tags'],
		[{ channel: {} }, false, 'Channel'],
		[{}, 'yes', 'Include Original Body'],
	])('rejects %j (include %j)', (filters, include, field) => {
		expect(failure(() => buildMessageQuery(filters, include)).field).toBe(field);
	});
});

describe('Message → Get Many on the wire', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => resetWire());
	afterAll(() => nock.enableNetConnect());

	const message = (n: number) => ({
		body: `Message ${n}`,
		visibility: 0,
		origin_id: `m-${n}`,
		created_at: `2026-11-01T00:00:${String(n % 60).padStart(2, '0')}.000+00:00`,
		user: { name: 'Bob', email: 'bob@example.com', mobile: null, 'staff?': false },
		conversation: { subject: 'Order', slug: 'order', created_at: '2026-10-01T00:00:00.000+00:00' },
		attachments: [],
	});

	/** Serves `total` messages 30 a page; `pageCount` is what the envelope claims (undefined = left out). */
	function serve(pathname: string, total: number, pageCount: number | undefined) {
		return onRequest('GET', pathname, (seen: { path: string }) => {
			const page = Number(new URL(seen.path, 'https://x').searchParams.get('page'));
			const first = (page - 1) * 30;
			const items = Array.from({ length: Math.max(0, Math.min(30, total - first)) }, (_, i) => message(first + i));
			const counts = pageCount === undefined ? {} : { page_size: 30, page_count: pageCount, total_count: total };
			return [200, { ...counts, messages: items }];
		});
	}
	const pagesOf = (seen: Array<{ path: string }>) => seen.map((s) => Number(new URL(s.path, 'https://x').searchParams.get('page')));

	it('brand-wide: GET /messages with every filter and include=original_body, exactly encoded', async () => {
		const seen = serve('/api/v1/messages', 2, 1);
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'getAll',
			scope: 'all',
			returnAll: true,
			simplify: false,
			includeOriginalBody: true,
			filters: {
				filter: 'staff',
				tags: 'refund,vip',
				origin: 7,
				sentBy: 'sam@acme.test',
				channel: { __rl: true, mode: 'slug', value: 'support' },
				startDate: '2026-11-01T00:00:00Z',
				endDate: '2026-11-23T00:00:00Z',
			},
		});
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].method).toBe('GET');
		expect(seen[0].path).toBe(
			'/api/v1/messages?filter=staff&tag=refund%2Cvip&origin=7&sent_by=sam%40acme.test&category=support' +
				'&start_date=2026-11-01T00%3A00%3A00Z&end_date=2026-11-23T00%3A00%3A00Z&include=original_body&page=1',
		);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].headers.accept).toBe('application/json');
		expect(seen[0].body).toBe('');
		expect(run.items.map((item) => item.json)).toEqual([message(0), message(1)]);
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('one conversation: GET /conversations/{slug}/messages, the slug percent-encoded', async () => {
		const seen = serve('/api/v1/conversations/a%20b%2Fc/messages', 1, 1);
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'getAll',
			scope: 'conversation',
			conversation: { __rl: true, mode: 'slug', value: 'a b/c' },
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/conversations/a%20b%2Fc/messages?page=1']);
	});

	it('one conversation by reference ID: the slug is looked up first (§2.2), then its messages are listed', async () => {
		onRequest('GET', '/api/v1/conversations/4821', { slug: 'order-4821', subject: 'Order' });
		serve('/api/v1/conversations/order-4821/messages', 2, 1);
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'getAll',
			scope: 'conversation',
			conversation: { __rl: true, mode: 'ref', value: '4821' },
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(wireLog.map((s) => `${s.method} ${s.path}`)).toEqual([
			'GET /api/v1/conversations/4821?id_type=ref',
			'GET /api/v1/conversations/order-4821/messages?page=1',
		]);
		expect(run.items).toHaveLength(2);
	});

	it('one conversation by URL: the slug is read from the address', async () => {
		serve('/api/v1/conversations/order-1/messages', 1, 1);
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'getAll',
			scope: 'conversation',
			conversation: { __rl: true, mode: 'url', value: 'https://acme.reamaze.io/admin/conversations/order-1' },
			returnAll: true,
		});
		expect(run.error).toBeUndefined();
		expect(wireLog.map((s) => s.path)).toEqual(['/api/v1/conversations/order-1/messages?page=1']);
	});

	it.each([
		[{ scope: 'conversation', conversation: { __rl: true, mode: 'ref', value: '4821' }, filters: { origin: 'chat' } }, 'Item 1: Origin expected a whole number, got "chat"'],
		[{ scope: 'conversation', conversation: { __rl: true, mode: 'slug', value: '={{ $json.missing ?? "" }}' } }, 'Item 1: Conversation Slug is required'],
		[{ scope: 'brand' }, 'Item 1: Scope unknown choice "brand" (use all or conversation)'],
		[{ returnAll: false, limit: 0 }, 'Item 1: Limit must be a whole number of 1 or more'],
	])('bad input %j fails before any request, the reference lookup included', async (parameters, message) => {
		onRequest('GET', '/api/v1/conversations/4821', { slug: 'order-4821' });
		serve('/api/v1/messages', 1, 1);
		const run = await runReamazeNode({ resource: 'message', operation: 'getAll', ...parameters } as never);
		expect(run.error?.message).toBe(message);
		expect(wireLog).toHaveLength(0);
	});

	it('an unknown conversation is a 404 that names the slug', async () => {
		onRequest('GET', '/api/v1/conversations/nope/messages', { error: 'Not found' }, 404);
		const run = await runReamazeNode({ resource: 'message', operation: 'getAll', scope: 'conversation', conversation: { __rl: true, mode: 'slug', value: 'nope' } });
		expect(run.error?.message).toBe('Not found (HTTP 404): no conversation with slug "nope"');
	});

	it('bad input fails the item before any request', async () => {
		const seen = serve('/api/v1/messages', 1, 1);
		const run = await runReamazeNode({ resource: 'message', operation: 'getAll', filters: { sentBy: 'not-an-email' } });
		expect(run.error?.message).toBe('Item 1: Sent By "not-an-email" is not an email address');
		expect(seen).toHaveLength(0);
	});

	it('Simplify uses the shared message shape, and keeps original_body when asked for it', async () => {
		onRequest('GET', '/api/v1/messages', {
			page_size: 30,
			page_count: 1,
			messages: [{ ...message(0), visibility: 1, original_body: '<p>Message 0</p>', attachments: [{ url: 'https://f.example/a.pdf' }] }],
		});
		const simplified = {
			body: 'Message 0',
			visibility: 1,
			is_internal_note: true,
			from_staff: false,
			user: { name: 'Bob', email: 'bob@example.com' },
			origin_id: 'm-0',
			conversation_slug: 'order',
			conversation_subject: 'Order',
			attachments: ['https://f.example/a.pdf'],
			created_at: '2026-11-01T00:00:00.000+00:00',
		};
		const plain = await runReamazeNode({ resource: 'message', operation: 'getAll', returnAll: true });
		expect(plain.items[0].json).toEqual(simplified);
		const withOriginal = await runReamazeNode({ resource: 'message', operation: 'getAll', returnAll: true, includeOriginalBody: true });
		expect(withOriginal.items[0].json).toEqual({ ...simplified, original_body: '<p>Message 0</p>' });
	});

	describe('paging (30 a page, §4)', () => {
		const getMany = (extra: Record<string, unknown>) =>
			runReamazeNode({ resource: 'message', operation: 'getAll', simplify: false, ...extra });

		it('an exact multiple of 30 stops by page_count, with no extra request', async () => {
			const seen = serve('/api/v1/messages', 60, 2);
			const run = await getMany({ returnAll: true });
			expect(run.items.map((item) => item.json.origin_id)).toEqual(Array.from({ length: 60 }, (_, i) => `m-${i}`));
			expect(pagesOf(seen)).toEqual([1, 2]);
		});

		it('a short last page stops paging, even without page_count', async () => {
			const seen = serve('/api/v1/messages', 65, undefined);
			const run = await getMany({ returnAll: true });
			expect(run.items).toHaveLength(65);
			expect(pagesOf(seen)).toEqual([1, 2, 3]);
		});

		it('an empty last page after a full page stops paging (a count that promised more)', async () => {
			const seen = serve('/api/v1/messages', 30, 3);
			// One item at a time also reads one page at a time: with several, later pages are read ahead and dropped.
			const run = await getMany({ returnAll: true, requestOptions: { concurrency: 1 } });
			expect(run.items).toHaveLength(30);
			expect(pagesOf(seen)).toEqual([1, 2]);
		});

		it('a limit inside a page requests only the pages it needs', async () => {
			const seen = serve('/api/v1/messages', 300, 10);
			const run = await getMany({ returnAll: false, limit: 35 });
			expect(run.items.map((item) => item.json.origin_id)).toEqual(Array.from({ length: 35 }, (_, i) => `m-${i}`));
			expect(pagesOf(seen)).toEqual([1, 2]);
		});

		it('a limit of exactly one page stops after that page', async () => {
			const seen = serve('/api/v1/messages', 300, 10);
			const run = await getMany({ returnAll: false, limit: 30 });
			expect(run.items).toHaveLength(30);
			expect(pagesOf(seen)).toEqual([1]);
		});

		it('the filters are sent on every page, with page last', async () => {
			const seen = serve('/api/v1/conversations/order/messages', 45, 2);
			await getMany({ returnAll: true, scope: 'conversation', conversation: { __rl: true, mode: 'slug', value: 'order' }, filters: { filter: 'customer' } });
			expect(seen.map((s) => s.path)).toEqual([
				'/api/v1/conversations/order/messages?filter=customer&page=1',
				'/api/v1/conversations/order/messages?filter=customer&page=2',
			]);
		});

		it('each input item pages on its own, and every output pairs with its item', async () => {
			const seen = serve('/api/v1/messages', 40, 2);
			const run = await getMany({ returnAll: false, limit: 31 }, );
			expect(run.items).toHaveLength(31);
			expect(pagesOf(seen)).toEqual([1, 2]);
			resetWire();
			const both = serve('/api/v1/messages', 3, 1);
			const two = await runReamazeNode({ resource: 'message', operation: 'getAll', returnAll: true, simplify: false }, { items: [{}, {}] });
			expect(two.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }, { item: 1 }]);
			expect(pagesOf(both)).toEqual([1, 1]);
		});
	});
});
