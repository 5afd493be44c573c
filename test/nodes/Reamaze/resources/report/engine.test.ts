import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';
import { runReamazeNode } from '../../run';

let sandbox: Sandbox;
const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });
const DAY = 86_400_000;
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

describe('Report in the real engine against the sandbox', () => {
	it('Volume split into items: one {date, count} per day that matches the stored conversations', async () => {
		const today = Date.parse(`${dayKey(Date.now())}T00:00:00Z`);
		const start = dayKey(today - 10 * DAY);
		const end = dayKey(today - 1 * DAY);
		const run = await runReamazeNode(
			{ resource: 'report', operation: 'volume', startDate: start, endDate: end, splitIntoItems: true },
			{ credentials: credentials() },
		);
		expect(run.error).toBeUndefined();
		expect(sandbox.requests.map((r) => [r.path, r.query])).toEqual([['/acme/api/v1/reports/volume', { start_date: start, end_date: end }]]);
		const expected = [];
		for (let day = today - 10 * DAY; day <= today - DAY; day += DAY) {
			const date = dayKey(day);
			expected.push({ date, count: sandbox.state.conversations().filter((c) => dayKey(c.createdAt) === date).length });
		}
		expect(run.items.map((item) => item.json)).toEqual(expected);
		expect(expected.some((row) => row.count > 0)).toBe(true);
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Tags as one item (default 30 days), and each input item gets its own report', async () => {
		const run = await runReamazeNode({ resource: 'report', operation: 'tags' }, { items: [{}, {}], credentials: credentials() });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(run.items[0].json).toHaveProperty('tags');
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/acme/api/v1/reports/tags', '/acme/api/v1/reports/tags']);
		expect(sandbox.requests[0].query).toEqual({});
	});

	it('Staff and Channel Summary split into rows keyed by staff name and channel ID', async () => {
		const staff = await runReamazeNode({ resource: 'report', operation: 'staff', splitIntoItems: true }, { credentials: credentials() });
		expect(staff.items.map((item) => item.json.staff).sort()).toEqual(sandbox.state.staff.map((s) => s.name).sort());
		expect(staff.items[0].json).toHaveProperty('response_count');
		const channels = await runReamazeNode({ resource: 'report', operation: 'channelSummary', splitIntoItems: true }, { credentials: credentials() });
		expect(channels.items.map((item) => item.json.channel_id).sort()).toEqual(sandbox.state.channels().map((c) => String(c.id)).sort());
	});

	it('a zero-day range stops before any request', async () => {
		const run = await runReamazeNode(
			{ resource: 'report', operation: 'responseTime', startDate: '2026-05-01', endDate: '2026-05-01' },
			{ credentials: credentials() },
		);
		expect(run.error?.constructor.name).toBe('NodeOperationError');
		expect(run.error?.message).toContain('Item 1: End Date must be at least 1 day after the Start Date 2026-05-01');
		expect(sandbox.requests).toEqual([]);
	});
});
