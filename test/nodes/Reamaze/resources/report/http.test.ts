import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };
const period = { start_date: '2026-05-01', end_date: '2026-05-03' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Report on the wire', () => {
	it.each([
		['volume', 'volume'],
		['responseTime', 'response_time'],
		['staff', 'staff'],
		['tags', 'tags'],
		['channelSummary', 'channel_summary'],
	])('%s: GET /reports/%s with start_date and end_date as days', async (operation, path) => {
		const report = { answer: path, ...period };
		const seen = record('GET', `/api/v1/reports/${path}`, report);
		const run = await runReamazeNode({
			resource: 'report',
			operation,
			startDate: '2026-05-01T00:00:00',
			endDate: '2026-05-03T00:00:00',
		});
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/reports/${path}?start_date=2026-05-01&end_date=2026-05-03`]);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].body).toBe('');
		expect(run.items).toEqual([{ json: report, pairedItem: { item: 0 } }]);
	});

	it('without dates: no query at all (the API reports the last 30 days)', async () => {
		const seen = record('GET', '/api/v1/reports/tags', { tags: { refund: 2 } });
		const run = await runReamazeNode({ resource: 'report', operation: 'tags' });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/reports/tags']);
		expect(run.items[0].json).toEqual({ tags: { refund: 2 } });
	});

	it('Split Into Items: one item per day, each paired with its input item', async () => {
		record('GET', '/api/v1/reports/volume', { conversation_counts: { '2026-05-01': 4, '2026-05-02': 0, '2026-05-03': 7 }, ...period });
		const run = await runReamazeNode(
			{ resource: 'report', operation: 'volume', splitIntoItems: true },
			{ items: [{ a: 1 }, { a: 2 }] },
		);
		expect(run.error).toBeUndefined();
		const days = [
			{ date: '2026-05-01', count: 4 },
			{ date: '2026-05-02', count: 0 },
			{ date: '2026-05-03', count: 7 },
		];
		expect(run.items).toEqual([
			...days.map((json) => ({ json, pairedItem: { item: 0 } })),
			...days.map((json) => ({ json, pairedItem: { item: 1 } })),
		]);
	});

	it('Split Into Items: staff rows carry the staff name and the period', async () => {
		record('GET', '/api/v1/reports/staff', { report: { 'Sam Agent': { response_count: 3 }, 'Priya Agent': { response_count: 1 } }, ...period });
		const run = await runReamazeNode({ resource: 'report', operation: 'staff', splitIntoItems: true });
		expect(run.items.map((item) => item.json)).toEqual([
			{ staff: 'Sam Agent', response_count: 3, ...period },
			{ staff: 'Priya Agent', response_count: 1, ...period },
		]);
	});

	it('Split Into Items on an answer without the map is a NodeApiError, not an empty result', async () => {
		record('GET', '/api/v1/reports/channel_summary', { something_else: {} });
		const run = await runReamazeNode({ resource: 'report', operation: 'channelSummary', splitIntoItems: true, ...noRetry });
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.message).toBe('Re:amaze did not return the "channels" of the channel summary report, so it cannot be split into items');
	});

	it('a bad range stops before any request', async () => {
		const seen = record('GET', '/api/v1/reports/volume', {});
		const run = await runReamazeNode({ resource: 'report', operation: 'volume', startDate: '2026-05-03', endDate: '2026-05-01' });
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toBe('Item 1: End Date 2026-05-01 is before the Start Date 2026-05-03');
		expect(seen).toHaveLength(0);
	});

	it('a 403 says which permission reports may need', async () => {
		record('GET', '/api/v1/reports/volume', { error: 'Forbidden' }, 403);
		const run = await runReamazeNode({ resource: 'report', operation: 'volume', ...noRetry });
		expect(run.error?.message).toBe('Re:amaze refused access (HTTP 403): the user\'s role may lack the "access reports" permission reports need');
	});
});
