import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';
import { runReamazeNode } from '../../run';

let sandbox: Sandbox;
const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

describe('Article in the real engine against the sandbox', () => {
	it('creates a draft in a topic, publishes it, and reads it back', async () => {
		const created = await runReamazeNode(
			{
				resource: 'article',
				operation: 'create',
				topicSlug: 'billing',
				title: 'Paying by bank transfer',
				body: 'Use the IBAN on your invoice.',
				additionalFields: { status: 1 },
			},
			{ credentials: credentials() },
		);
		expect(created.error).toBeUndefined();
		expect(created.items).toHaveLength(1);
		expect(created.items[0].pairedItem).toEqual({ item: 0 });
		expect(created.items[0].json).toMatchObject({ title: 'Paying by bank transfer', status: 1, topic: { slug: 'billing' } });
		const slug = String(created.items[0].json.slug);
		expect(sandbox.state.articles().find((a) => a.slug === slug)).toMatchObject({ topicSlug: 'billing', status: 1, body: 'Use the IBAN on your invoice.' });

		const drafts = await runReamazeNode(
			{ resource: 'article', operation: 'getAll', returnAll: true, filters: { status: 1 } },
			{ credentials: credentials() },
		);
		expect(drafts.items.map((item) => item.json.slug).sort()).toEqual(
			sandbox.state.articles().filter((a) => a.status === 1).map((a) => a.slug).sort(),
		);
		expect(drafts.items.map((item) => item.json.slug)).toContain(slug);

		const published = await runReamazeNode(
			{ resource: 'article', operation: 'update', articleSlug: slug, updateFields: { status: 0 } },
			{ credentials: credentials() },
		);
		expect(published.error).toBeUndefined();
		expect(published.items[0]).toMatchObject({ json: { slug, status: 0 }, pairedItem: { item: 0 } });
		expect(sandbox.state.articles().find((a) => a.slug === slug)?.status).toBe(0);

		const fetched = await runReamazeNode({ resource: 'article', operation: 'get', articleSlug: slug }, { credentials: credentials() });
		expect(fetched.items[0].json).toMatchObject({ slug, status: 0, title: 'Paying by bank transfer' });
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /acme/api/v1/topics/billing/articles',
			'GET /acme/api/v1/articles',
			'PUT /acme/api/v1/articles/' + slug,
			'GET /acme/api/v1/articles/' + slug,
		]);
	});

	it('Get Many searches with q', async () => {
		const run = await runReamazeNode(
			{ resource: 'article', operation: 'getAll', returnAll: false, limit: 10, filters: { query: 'refund' } },
			{ credentials: credentials() },
		);
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json.title)).toEqual(['Refund policy']);
	});
});
