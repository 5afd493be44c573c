import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const rating = (id: number) => ({ id: String(id), rating: 5, comment: null, user_id: '1', assignee_id: '2', conversation_id: '3' });
const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Satisfaction Rating → Get Many on the wire', () => {
	it('sends every filter under its API name, then page', async () => {
		const seen = record('GET', '/api/v1/satisfaction_ratings', { page_size: 30, page_count: 1, total_count: 1, satisfaction_ratings: [rating(1)] });
		const run = await runReamazeNode({
			resource: 'satisfactionRating',
			operation: 'getAll',
			returnAll: true,
			filters: {
				rating: 5,
				assigneeId: '2',
				createdAfter: '2026-01-01T00:00:00Z',
				createdBefore: '2026-02-01T00:00:00Z',
				updatedAfter: '2026-01-02T00:00:00Z',
				updatedBefore: '2026-02-02T00:00:00Z',
			},
		});
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/v1/satisfaction_ratings?rating=5&assignee_id=2&created_after=2026-01-01T00%3A00%3A00Z&created_before=2026-02-01T00%3A00%3A00Z&updated_after=2026-01-02T00%3A00%3A00Z&updated_before=2026-02-02T00%3A00%3A00Z&page=1',
		]);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(run.items).toEqual([{ json: rating(1), pairedItem: { item: 0 } }]);
	});

	it('follows page_count and stops at the limit', async () => {
		const seen = record('GET', '/api/v1/satisfaction_ratings', (query: URLSearchParams) => {
			const page = Number(query.get('page'));
			return { page_size: 30, page_count: 3, total_count: 90, satisfaction_ratings: Array.from({ length: 30 }, (_, i) => rating((page - 1) * 30 + i + 1)) };
		});
		const run = await runReamazeNode({ resource: 'satisfactionRating', operation: 'getAll', returnAll: false, limit: 40 });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/satisfaction_ratings?page=1', '/api/v1/satisfaction_ratings?page=2']);
		expect(run.items.map((item) => item.json.id)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
	});

	it('a 403 explains the missing "access reports" permission', async () => {
		record('GET', '/api/v1/satisfaction_ratings', { error: 'Forbidden' }, 403);
		const run = await runReamazeNode({ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, ...noRetry });
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toBe(
			'Re:amaze refused access (HTTP 403): satisfaction ratings need the "access reports" permission, which the role of the credential\'s user probably lacks',
		);
		expect(run.error?.description).toContain('ask a Re:amaze admin to grant that permission');
	});

	it('a bad rating stops before any request', async () => {
		const seen = record('GET', '/api/v1/satisfaction_ratings', {});
		const run = await runReamazeNode({ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, filters: { rating: 9 } });
		expect(run.error?.message).toBe('Item 1: Rating must be a whole number from 1 to 5, got "9"');
		expect(seen).toHaveLength(0);
	});
});
