import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';
import { runReamazeNode } from '../../run';

/**
 * Conversation → Get Many with a Status filter: Re:amaze cannot filter by status, so the node reads
 * pages and keeps the matches. That scan has a page budget like every other scan, and when the
 * budget ends it before the limit is reached, the user reads why and what to do.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: 9 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });
const listPages = () => sandbox.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/conversations')).length;

/** Conversations of the default list (archived left out), newest first, as Re:amaze serves them. */
function defaultList() {
	return [...sandbox.state.conversations()].filter((conversation) => conversation.status !== 4).sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

describe('Conversation → Get Many with a Status filter', () => {
	it('stops at Max Pages to Scan before the limit is reached, with a clear message', async () => {
		const spam = defaultList().filter((conversation) => conversation.status === 3);
		const inThreePages = defaultList().slice(0, 90).filter((conversation) => conversation.status === 3).length;
		expect(spam.length).toBeGreaterThan(inThreePages);
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: false, limit: 50, filters: { statuses: [3], maxScanPages: 3 } },
			{ credentials: credentials() },
		);
		expect(run.error?.message).toBe(
			`Stopped after reading 3 pages (90 conversations): ${inThreePages} of the 50 conversations asked for matched the Status filter`,
		);
		expect(run.error?.description).toBe(
			'Re:amaze cannot filter by status, so the node reads the list page by page and keeps the matches, at most Max Pages to Scan (3) pages of 30. Narrow the list with filters Re:amaze applies itself (Filter, Channel, Tags, Start Date, End Date, Custom Fields), or raise Max Pages to Scan.',
		);
		expect(listPages()).toBe(3);
	});

	it('with Return All the same budget applies, and the message says the list goes on', async () => {
		const inTwoPages = defaultList().slice(0, 60).filter((conversation) => conversation.status === 3).length;
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { statuses: [3], maxScanPages: 2 } },
			{ credentials: credentials() },
		);
		expect(run.error?.message).toBe(
			`Stopped after reading 2 pages (60 conversations): ${inTwoPages} matched the Status filter and the list goes on`,
		);
		expect(listPages()).toBe(2);
	});

	it('without Max Pages to Scan the budget is 100 pages: the whole seeded list (10 pages) is read and every match returned', async () => {
		const expected = defaultList().filter((conversation) => conversation.status === 3).map((conversation) => conversation.slug);
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: true, simplify: false, filters: { statuses: [3] } },
			{ credentials: credentials() },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.slug)).toEqual(expected);
	});

	it('a limit reached within the budget is no error', async () => {
		const expected = defaultList().filter((conversation) => conversation.status === 3).slice(0, 2).map((conversation) => conversation.slug);
		const run = await runReamazeNode(
			{ resource: 'conversation', operation: 'getAll', returnAll: false, limit: 2, simplify: false, filters: { statuses: [3], maxScanPages: 100 } },
			{ credentials: credentials() },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.slug)).toEqual(expected);
	});

	it('by default the scan ends after 100 pages of a longer list, with the same message', async () => {
		const long = await startSandbox({ seed: 9, conversations: 3_200 });
		try {
			const run = await runReamazeNode(
				{ resource: 'conversation', operation: 'getAll', returnAll: true, filters: { statuses: [3], filter: 'all' } },
				{ credentials: { email: long.email, apiToken: long.token, baseUrl: long.baseUrl } },
			);
			expect(run.error?.message).toMatch(/^Stopped after reading 100 pages \(3,000 conversations\): \d+ matched the Status filter and the list goes on$/);
			expect(long.requests).toHaveLength(100);
		} finally {
			await long.close();
		}
	}, 120_000);
});
