import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { buildConversationQuery } from '../../../../../nodes/Reamaze/resources/conversation/getAll';
import { InputError } from '../../../../../nodes/shared/errors';
import { runReamazeNode } from '../../run';

describe('buildConversationQuery', () => {
	it('sends nothing for no filters', () => {
		expect(buildConversationQuery({})).toEqual({});
	});

	it('maps every documented filter', () => {
		expect(
			buildConversationQuery({
				filter: 'open',
				for: 'bob@example.com',
				forId: 'sso-7',
				sort: 'changed',
				tags: 'refund, vip',
				channel: { __rl: true, mode: 'list', value: 'support' },
				customFields: { field: [{ key: 'order_id', value: '1234' }] },
				startDate: '2026-11-01T00:00:00Z',
				endDate: '2026-11-23',
				origin: 'email',
			}),
		).toEqual({
			filter: 'open',
			for: 'bob@example.com',
			for_id: 'sso-7',
			sort: 'changed',
			tag: 'refund,vip',
			category: 'support',
			'data[order_id]': '1234',
			start_date: '2026-11-01T00:00:00Z',
			end_date: '2026-11-23',
			origin: 'email',
		});
	});

	it('asks for archived conversations too when the status filter includes Archived', () => {
		expect(buildConversationQuery({ statuses: [2, 4] })).toEqual({ filter: 'all' });
		expect(buildConversationQuery({ statuses: [4], filter: 'archived' })).toEqual({ filter: 'archived' });
		expect(buildConversationQuery({ statuses: [0] })).toEqual({});
	});

	it.each([
		[{ filter: 'closed' }, 'Filter'],
		[{ sort: 'oldest' }, 'Sort'],
		[{ for: 'bob' }, 'For Customer Email'],
		[{ startDate: 'yesterday' }, 'Start Date'],
		[{ statuses: ['x'] }, 'Status'],
	])('rejects %j', (filters, field) => {
		let caught: unknown;
		try {
			buildConversationQuery(filters);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(InputError);
		expect((caught as InputError).field).toBe(field);
	});
});

describe('Conversation → Get Many paging', () => {
	const API = 'https://acme.reamaze.io';
	const pagesAsked: number[] = [];
	const conversations = (from: number, count: number) =>
		Array.from({ length: count }, (_, i) => ({ slug: `c-${from + i}`, status: (from + i) % 3, subject: `S ${from + i}` }));

	/** Serves `total` conversations, 30 a page, with the counts the API sends (or none). */
	function serve(total: number, options: { counts?: boolean; extraEmptyPage?: boolean } = {}) {
		const pageCount = Math.ceil(total / 30);
		nock(API)
			.persist()
			.get('/api/v1/conversations')
			.query(true)
			.reply((request: unknown) => {
				// nock 15 hands the reply function a fetch Request.
				const page = Number(new URL((request as unknown as Request).url).searchParams.get('page'));
				pagesAsked.push(page);
				const items = page <= pageCount ? conversations((page - 1) * 30, Math.min(30, total - (page - 1) * 30)) : [];
				const counts = options.counts === false ? {} : { page_size: 30, page_count: options.extraEmptyPage ? pageCount + 1 : pageCount, total_count: total };
				return [200, { ...counts, conversations: items }];
			});
	}

	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		nock.cleanAll();
		pagesAsked.length = 0;
	});
	afterAll(() => nock.enableNetConnect());

	const getMany = (extra: Record<string, unknown>) =>
		runReamazeNode({ resource: 'conversation', operation: 'getAll', simplify: false, ...extra });

	it('an exact multiple of 30 stops by page_count, with no extra request', async () => {
		serve(60);
		const run = await getMany({ returnAll: true });
		expect(run.items).toHaveLength(60);
		expect(pagesAsked).toEqual([1, 2]);
	});

	it('a short last page stops paging', async () => {
		serve(65, { counts: false });
		const run = await getMany({ returnAll: true });
		expect(run.items).toHaveLength(65);
		expect(pagesAsked).toEqual([1, 2, 3]);
	});

	it('an empty page after full ones stops paging (counts that promise one more page)', async () => {
		serve(60, { extraEmptyPage: true });
		const run = await getMany({ returnAll: true });
		expect(run.items).toHaveLength(60);
		expect(pagesAsked).toEqual([1, 2, 3]);
	});

	it('a limit inside a page fetches only the pages needed', async () => {
		serve(300);
		const run = await getMany({ returnAll: false, limit: 35 });
		expect(run.items.map((item) => item.json.slug)).toEqual(conversations(0, 35).map((c) => c.slug));
		expect(pagesAsked).toEqual([1, 2]);
	});

	it('the client-side status filter keeps paging until the limit of matching conversations', async () => {
		serve(300);
		// One item at a time also reads one page at a time: with several, later pages are read ahead and dropped.
		const run = await getMany({ returnAll: false, limit: 25, filters: { statuses: [2] }, requestOptions: { concurrency: 1 } });
		expect(run.items).toHaveLength(25);
		expect(run.items.every((item) => item.json.status === 2)).toBe(true);
		expect(pagesAsked).toEqual([1, 2, 3]);
	});

	it('an API that ignores page (full pages, no page count) costs at most 100 pages and fails clearly instead of looping', async () => {
		nock(API).persist().get('/api/v1/conversations').query(true).reply(() => {
			pagesAsked.push(0);
			return [200, { conversations: conversations(0, 30) }];
		});
		const run = await getMany({ returnAll: true });
		expect(run.error?.message).toBe('Stopped after reading 100 full pages (3,000 items) of a list that gave no page count');
		expect(pagesAsked).toHaveLength(100);
	});

	it('Simplify returns the usual fields and the status name', async () => {
		nock(API).get('/api/v1/conversations').query({ page: 1 }).reply(200, {
			page_size: 30,
			page_count: 1,
			conversations: [
				{
					slug: 'a',
					subject: 'A',
					status: 5,
					tag_list: ['x'],
					category: { slug: 'support', name: 'Support' },
					author: { name: 'Bob', email: 'bob@example.com', twitter: null },
					assignee: null,
					message: { body: 'first' },
					last_customer_message: { body: 'later', created_at: '2026-11-01T00:00:00.000+00:00' },
					created_at: '2026-10-01T00:00:00.000+00:00',
					updated_at: '2026-11-01T00:00:00.000+00:00',
					perma_url: 'https://acme.reamaze.io/admin/conversations/a',
					message_count: 3,
				},
			],
		});
		const run = await runReamazeNode({ resource: 'conversation', operation: 'getAll', returnAll: true, simplify: true });
		expect(run.items[0].json).toEqual({
			slug: 'a',
			subject: 'A',
			status: 5,
			status_name: 'On Hold',
			tag_list: ['x'],
			channel: 'support',
			author: { name: 'Bob', email: 'bob@example.com' },
			assignee: null,
			message_count: 3,
			last_customer_message: 'later',
			last_customer_message_at: '2026-11-01T00:00:00.000+00:00',
			created_at: '2026-10-01T00:00:00.000+00:00',
			updated_at: '2026-11-01T00:00:00.000+00:00',
			perma_url: 'https://acme.reamaze.io/admin/conversations/a',
		});
	});
});
