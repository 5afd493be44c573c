import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

/** The `conversations` seed option (the benchmark seeds 10,000) and the list order it is paged in. */
let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ conversations: 1000 });
	api = client(sb);
});
afterAll(() => sb.close());

async function allSlugs(query: string): Promise<string[]> {
	const first = await api.get(`/conversations?${query}&page=1`);
	const slugs: string[] = first.body.conversations.map((c: { slug: string }) => c.slug);
	for (let page = 2; page <= first.body.page_count; page++) {
		slugs.push(...(await api.get(`/conversations?${query}&page=${page}`)).body.conversations.map((c: { slug: string }) => c.slug));
	}
	return slugs;
}

describe('seed size', () => {
	it('seeds the number of default-brand conversations asked for, the -eu brand keeping its 15', () => {
		expect(sb.state.conversations()).toHaveLength(1000);
		expect(sb.state.conversations('acme-eu')).toHaveLength(15);
	});

	it('pages every one of them, newest first, each exactly once', async () => {
		const first = await api.get('/conversations?filter=all');
		expect(first.body).toMatchObject({ page_size: 30, page_count: 34, total_count: 1000 });
		const slugs = await allSlugs('filter=all');
		const expected = [...sb.state.conversations()].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id).map((c) => c.slug);
		expect(slugs).toEqual(expected);
	});

	it('puts a conversation created after a list was read first in the next read', async () => {
		await api.get('/conversations?filter=all');
		const created = await api.post('/conversations', newConversation({}, 1));
		expect(created.status).toBe(200);
		const page = await api.get('/conversations?filter=all');
		expect(page.body.total_count).toBe(1001);
		expect(page.body.conversations[0].slug).toBe(created.body.slug);
	});

	it('keeps 285 default-brand conversations without the option, and refuses a count that is not a whole number', async () => {
		const small = await startSandbox();
		try {
			expect(small.state.conversations()).toHaveLength(285);
		} finally {
			await small.close();
		}
		await expect(startSandbox({ conversations: -1 })).rejects.toThrow(/conversations/);
		await expect(startSandbox({ conversations: 2.5 })).rejects.toThrow(/conversations/);
	});
});
