import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { UNCOUNTED_MAX_PAGES } from '../../../nodes/LibreDesk/transport';
import { FAST, runLibreDesk } from './run';
import { CREDENTIALS, ok, onRequest, resetWire, type Seen, UUID } from './wire';

/** A page object (§3) of `total` items, `perPage` at a time, for page `page` (past the end: `total: 0`). */
function pageOf(page: number, perPage: number, total: number, nullWhenEmpty = false) {
	const start = (page - 1) * perPage;
	const results = Array.from({ length: Math.max(0, Math.min(perPage, total - start)) }, (_, i) => ({ uuid: `c-${start + i}`, id: start + i }));
	if (results.length === 0) return ok({ results: nullWhenEmpty ? null : [], total: 0, per_page: perPage, total_pages: 0, page });
	return ok({ results, total, per_page: perPage, total_pages: Math.ceil(total / perPage), page });
}

function query(seen: Seen): Record<string, string> {
	return Object.fromEntries(new URL(seen.path, 'https://x').searchParams);
}

const list = { resource: 'conversation', operation: 'getAll', scope: 'all', simplify: false, ...FAST };

beforeAll(() => nock.disableNetConnect());
afterEach(() => resetWire());
afterAll(() => nock.enableNetConnect());

describe('paging over the page object (§3)', () => {
	it('Return All reads every page, 100 at a time, in order', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => pageOf(Number(query(request).page), Number(query(request).page_size), 250));
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.id)).toEqual(Array.from({ length: 250 }, (_, i) => i));
		expect(seen.map(query).map((q) => [q.page, q.page_size]).sort()).toEqual([['1', '100'], ['2', '100'], ['3', '100']]);
		expect(query(seen[0])).toEqual({ order_by: 'conversations.last_message_at', order: 'desc', page: '1', page_size: '100' });
	});

	it('asks for pages 2..n at the same time once page 1 gave the count', async () => {
		let releasePage2: () => void = () => {};
		const page3Arrived = new Promise<void>((resolve) => (releasePage2 = resolve));
		let page3SeenBeforePage2Answered = false;
		let page2Answered = false;
		nock('https://desk.example.com')
			.persist()
			.get((uri) => uri.startsWith('/api/v1/conversations/all'))
			.reply(async (uri: unknown) => {
				const url = new URL((uri as Request).url);
				const page = Number(url.searchParams.get('page'));
				if (page === 2) {
					// Page 2 answers only once page 3 was requested (or after 5 s, so a serial reader fails, not hangs).
					await Promise.race([page3Arrived, new Promise((resolve) => setTimeout(resolve, 5000))]);
					page2Answered = true;
				}
				if (page === 3) {
					page3SeenBeforePage2Answered = !page2Answered;
					releasePage2();
				}
				const [status, body] = pageOf(page, 100, 300);
				return [status, JSON.stringify(body), { 'Content-Type': 'application/json' }];
			});
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(run.items).toHaveLength(300);
		expect(page3SeenBeforePage2Answered).toBe(true);
	});

	it('a limit stops the requests: 150 of 500 reads two pages only', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => pageOf(Number(query(request).page), Number(query(request).page_size), 500));
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: false, limit: 150 });
		expect(run.items).toHaveLength(150);
		expect(seen.map((request) => query(request).page)).toEqual(['1', '2']);
	});

	it('a limit below a page asks for just that many', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => pageOf(Number(query(request).page), Number(query(request).page_size), 500));
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: false, limit: 7 });
		expect(run.items).toHaveLength(7);
		expect(seen.map(query).map((q) => [q.page, q.page_size])).toEqual([['1', '7']]);
	});

	it('stops at a short page even when the count promised more', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => {
			const page = Number(query(request).page);
			return page === 1 ? pageOf(1, 100, 1000) : ok({ results: [{ id: 100 }], total: 1000, per_page: 100, total_pages: 10, page });
		});
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true, requestOptions: { ...FAST.requestOptions, concurrency: 1 } });
		expect(run.items).toHaveLength(101);
		expect(seen.map((request) => query(request).page)).toEqual(['1', '2']);
	});

	it('stops at an empty page past the end (`total: 0`, results null as Go sends an empty slice)', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => {
			const page = Number(query(request).page);
			// The count said 2 pages, but the list shrank meanwhile.
			return page === 1 ? ok({ ...(pageOf(1, 100, 200)[1] as { data: object }).data, total_pages: 2 }) : pageOf(page, 100, 100, true);
		});
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(100);
		expect(seen).toHaveLength(2);
	});

	it('a server without total_pages that ignores `page` is stopped with an error, not read forever', async () => {
		const full = Array.from({ length: 100 }, (_, i) => ({ uuid: `c-${i}`, id: i }));
		const seen = onRequest('GET', '/api/v1/conversations/all', ok({ results: full, per_page: 100 }));
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(seen).toHaveLength(UNCOUNTED_MAX_PAGES);
		expect(run.error?.message).toBe(`Stopped after reading ${UNCOUNTED_MAX_PAGES} full pages of a list that gave no page count`);
	}, 60_000);

	it('without total_pages a short page still ends the list', async () => {
		const seen = onRequest('GET', '/api/v1/conversations/all', (request) => {
			const page = Number(query(request).page);
			return ok({ results: Array.from({ length: page < 3 ? 100 : 5 }, (_, i) => ({ id: (page - 1) * 100 + i })), per_page: 100 });
		});
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toHaveLength(205);
		expect(seen.map((request) => query(request).page)).toEqual(['1', '2', '3']);
	});

	it('a first page of nothing is an empty result, not an error', async () => {
		onRequest('GET', '/api/v1/conversations/all', pageOf(1, 100, 0, true));
		const run = await runLibreDesk(CREDENTIALS, { ...list, returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items).toEqual([]);
	});

	it('message lists page the same way', async () => {
		const path = `/api/v1/conversations/${UUID}/messages`;
		const seen = onRequest('GET', path, (request) => pageOf(Number(query(request).page), Number(query(request).page_size), 120));
		const run = await runLibreDesk(CREDENTIALS, {
			resource: 'message',
			operation: 'getAll',
			conversation: { __rl: true, mode: 'uuid', value: UUID },
			returnAll: true,
			simplify: false,
			...FAST,
		});
		expect(run.items).toHaveLength(120);
		expect(seen.map((request) => query(request).page).sort()).toEqual(['1', '2']);
	});
});
