import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { AGENT_TOKENS, type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';
import { runReamazeNode } from '../../run';

let sandbox: Sandbox;
const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

describe('Satisfaction Rating in the real engine against the sandbox', () => {
	it('Return All gives every rating once, over several pages', async () => {
		const run = await runReamazeNode({ resource: 'satisfactionRating', operation: 'getAll', returnAll: true }, { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const expected = sandbox.state.ratings();
		expect(expected.length).toBeGreaterThan(30);
		expect(run.items.map((item) => item.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		const pages = Math.ceil(expected.length / 30);
		expect(sandbox.requests.map((r) => r.query)).toEqual(Array.from({ length: pages }, (_, i) => ({ page: String(i + 1) })));
	});

	it('filters by rating', async () => {
		const run = await runReamazeNode(
			{ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, filters: { rating: 5 } },
			{ credentials: credentials() },
		);
		const expected = sandbox.state.ratings().filter((r) => r.rating === 5);
		expect(expected.length).toBeGreaterThan(0);
		expect(run.items.map((item) => item.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
		expect(sandbox.requests.map((r) => r.query)).toEqual([{ rating: '5', page: '1' }]);
	});

	it('filters by assignee and creation time', async () => {
		const sam = sandbox.state.staffByEmail('sam@acme.test')!;
		const after = new Date(Date.now() - 30 * 86_400_000).toISOString();
		const run = await runReamazeNode(
			{ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, filters: { assigneeId: String(sam.id), createdAfter: after } },
			{ credentials: credentials() },
		);
		const expected = sandbox.state.ratings().filter((r) => r.assigneeId === sam.id && r.createdAt > Date.parse(after));
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(sandbox.state.ratings().length);
		expect(run.items.map((item) => item.json.id).sort()).toEqual(expected.map((r) => r.id).sort());
	});

	it('a Limited Agent without access_reports gets a clear 403 error', async () => {
		const run = await runReamazeNode(
			{ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, requestOptions: { maxRetryWaitSeconds: 0 } },
			{ credentials: { ...credentials(), email: 'lee@acme.test', apiToken: AGENT_TOKENS.lee } },
		);
		expect(run.items).toEqual([]);
		expect(run.error?.constructor.name).toBe('NodeApiError');
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.message).toBe(
			'Re:amaze refused access (HTTP 403): satisfaction ratings need the "access reports" permission, which the role of the credential\'s user probably lacks',
		);
		expect(sandbox.requests.map((r) => [r.status, r.headers.authorization?.startsWith('Basic ')])).toEqual([[403, true]]);
	});

	it('with Continue On Fail, the 403 becomes an error item paired with its input', async () => {
		const run = await runReamazeNode(
			{ resource: 'satisfactionRating', operation: 'getAll', returnAll: true, requestOptions: { maxRetryWaitSeconds: 0 } },
			{ credentials: { ...credentials(), email: 'lee@acme.test', apiToken: AGENT_TOKENS.lee }, continueOnFail: true },
		);
		expect(run.items).toHaveLength(1);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(run.items[0].json.error).toContain('"access reports" permission');
	});
});
