import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const article = (slug: string) => ({ title: slug, slug, status: 0, body: 'Text', topic: { slug: 'billing', name: 'Billing' } });
const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Article on the wire', () => {
	it('Get: GET /articles/{slug}, percent-encoded', async () => {
		const seen = record('GET', '/api/v1/articles/refund%20policy', article('refund policy'));
		const run = await runReamazeNode({ resource: 'article', operation: 'get', articleSlug: 'refund policy' });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/articles/refund%20policy']);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(run.items).toEqual([{ json: article('refund policy'), pairedItem: { item: 0 } }]);
	});

	it('Get Many: q and status (0 included), paged by page_count', async () => {
		const seen = record('GET', '/api/v1/articles', (query: URLSearchParams) => ({
			page_size: 30,
			page_count: 2,
			total_count: 31,
			articles: query.get('page') === '1' ? Array.from({ length: 30 }, (_, i) => article(`a${i}`)) : [article('last')],
		}));
		const run = await runReamazeNode({ resource: 'article', operation: 'getAll', returnAll: true, filters: { query: 'refund', status: 0 } });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/articles?q=refund&status=0&page=1', '/api/v1/articles?q=refund&status=0&page=2']);
		expect(run.items).toHaveLength(31);
		expect(run.items[30].json.slug).toBe('last');
	});

	it('Get Many: status 2 (internal) alone', async () => {
		const seen = record('GET', '/api/v1/articles', { page_size: 30, page_count: 1, total_count: 0, articles: [] });
		await runReamazeNode({ resource: 'article', operation: 'getAll', returnAll: false, limit: 5, filters: { status: 2 } });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/articles?status=2&page=1']);
	});

	it('Create: POST /topics/{topic}/articles with the wrapped article', async () => {
		const seen = record('POST', '/api/v1/topics/billing/articles', article('refund-policy'));
		const run = await runReamazeNode({
			resource: 'article',
			operation: 'create',
			topicSlug: 'billing',
			title: 'Refund policy',
			body: '# Refunds',
			additionalFields: { status: 1 },
		});
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({ article: { title: 'Refund policy', body: '# Refunds', status: 1 } });
		expect(run.items[0].json).toEqual(article('refund-policy'));
	});

	it('Create: an unknown topic is a 404 that names the topic', async () => {
		record('POST', '/api/v1/topics/nope/articles', { error: 'Topic not found: nope' }, 404);
		const run = await runReamazeNode({ resource: 'article', operation: 'create', topicSlug: 'nope', title: 'T', body: 'B', ...noRetry });
		expect(run.error?.message).toBe('Not found (HTTP 404): no topic with slug "nope"');
	});

	it('Update: PUT /articles/{slug} with only the changed fields', async () => {
		const seen = record('PUT', '/api/v1/articles/refund-policy', article('refund-policy'));
		const run = await runReamazeNode({ resource: 'article', operation: 'update', articleSlug: 'refund-policy', updateFields: { status: 2, title: 'Refunds' } });
		expect(run.error).toBeUndefined();
		expect(seen[0].body).toEqual({ article: { title: 'Refunds', status: 2 } });
	});

	it('Update with no fields stops before any request', async () => {
		const seen = record('PUT', '/api/v1/articles/refund-policy', article('refund-policy'));
		const run = await runReamazeNode({ resource: 'article', operation: 'update', articleSlug: 'refund-policy', updateFields: { title: '' } });
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('Item 1: Update Fields add at least one field to change');
		expect(seen).toHaveLength(0);
	});
});
