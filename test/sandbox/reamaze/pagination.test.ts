import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

async function createConversations(count: number): Promise<string[]> {
	const slugs: string[] = [];
	for (let n = 1; n <= count; n++) slugs.push((await api.post('/conversations', newConversation({}, n))).body.slug);
	return slugs;
}

describe('pagination (§4)', () => {
	it('fits exactly 30 items on one page', async () => {
		await createConversations(30);
		const page = await api.get('/conversations');
		expect(page.body).toMatchObject({ page_size: 30, page_count: 1, total_count: 30 });
		expect(page.body.conversations).toHaveLength(30);
		expect((await api.get('/conversations?page=2')).body).toEqual({ page_size: 30, page_count: 1, total_count: 30, conversations: [] });
	});

	it('spills the 31st item onto page 2, newest first by default', async () => {
		const slugs = await createConversations(31);
		const first = await api.get('/conversations?page=1');
		const second = await api.get('/conversations?page=2');
		expect(first.body).toMatchObject({ page_count: 2, total_count: 31 });
		expect(first.body.conversations[0].slug).toBe(slugs[30]);
		expect(second.body.conversations.map((c: { slug: string }) => c.slug)).toEqual([slugs[0]]);
	});

	it('answers 60 items in two full pages and an empty third page with the same counts', async () => {
		await createConversations(60);
		const pages = await Promise.all([1, 2, 3].map((p) => api.get(`/conversations?page=${p}`)));
		expect(pages.map((p) => p.body.conversations.length)).toEqual([30, 30, 0]);
		for (const p of pages) expect(p.body).toMatchObject({ page_size: 30, page_count: 2, total_count: 60 });
		const all = pages.flatMap((p) => p.body.conversations.map((c: { slug: string }) => c.slug));
		expect(new Set(all).size).toBe(60);
	});

	it('treats page < 1 or non-numeric as page 1 and ignores per_page', async () => {
		const slugs = await createConversations(31);
		for (const query of ['page=0', 'page=-3', 'page=abc', 'per_page=100', 'limit=5']) {
			const reply = await api.get(`/conversations?${query}`);
			expect(reply.body.conversations).toHaveLength(30);
			expect(reply.body.conversations[0].slug).toBe(slugs[30]);
		}
	});

	it('hides archived conversations unless filter=all or filter=archived', async () => {
		const slugs = await createConversations(3);
		expect((await api.put(`/conversations/${slugs[1]}`, { conversation: { status: 4 } })).status).toBe(200);
		expect((await api.get('/conversations')).body.total_count).toBe(2);
		const all = await api.get('/conversations?filter=all');
		expect(all.body.total_count).toBe(3);
		const archived = await api.get('/conversations?filter=archived');
		expect(archived.body.conversations.map((c: { slug: string }) => c.slug)).toEqual([slugs[1]]);
	});

	it('answers a list read after a write from the new data (lists are cached only between writes)', async () => {
		const slugs = await createConversations(3);
		expect((await api.get('/conversations?filter=open')).body.total_count).toBe(3);
		expect((await api.get('/conversations?filter=open')).body.total_count).toBe(3);
		await api.put(`/conversations/${slugs[0]}`, { conversation: { status: 4 } });
		const open = await api.get('/conversations?filter=open');
		expect(open.body.conversations.map((c: { slug: string }) => c.slug)).toEqual([slugs[2], slugs[1]]);
		expect((await api.get('/conversations?filter=archived')).body.conversations.map((c: { slug: string }) => c.slug)).toEqual([slugs[0]]);
		sb.reset();
		expect((await api.get('/conversations?filter=all')).body.total_count).toBe(0);
	});

	it('uses the same envelope for messages, contacts and staff', async () => {
		await createConversations(2);
		expect((await api.get('/messages')).body).toMatchObject({ page_size: 30, page_count: 1, total_count: 2 });
		expect((await api.get('/contacts')).body).toMatchObject({ page_size: 30, page_count: 1, total_count: 1 });
		expect((await api.get('/staff')).body).toMatchObject({ page_size: 30, page_count: 1, total_count: 4 });
		expect((await api.get('/channels')).body).not.toHaveProperty('page_size');
	});
});

describe('seeded data', () => {
	it('is deterministic for a seed and pages through every conversation with filter=all', async () => {
		const a = await startSandbox({ seed: 7 });
		const b = await startSandbox({ seed: 7 });
		try {
			const slugs = (s: Sandbox) => s.state.conversations().map((c) => `${c.slug}/${c.status}/${c.tagList.join(',')}`);
			expect(slugs(a)).toEqual(slugs(b));
			const seeded = client(a);
			const first = await seeded.get('/conversations?filter=all');
			expect(first.body.total_count).toBe(a.state.conversations().length);
			expect(first.body.page_count).toBe(Math.ceil(first.body.total_count / 30));
			let seen = 0;
			for (let page = 1; page <= first.body.page_count; page++) seen += (await seeded.get(`/conversations?filter=all&page=${page}`)).body.conversations.length;
			expect(seen).toBe(first.body.total_count);
			const statuses = new Set(a.state.conversations().map((c) => c.status));
			expect([...statuses].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
			expect((await seeded.get('/conversations')).body.total_count).toBe(a.state.conversations().filter((c) => c.status !== 4).length);
		} finally {
			await a.close();
			await b.close();
		}
	});
});

describe('list order knob: every list in either order', () => {
	it('reversed serves conversations, messages and ratings oldest first, page by page; natural restores the documented order', async () => {
		const slugs = await createConversations(31);
		const conversation = sb.state.findConversation(slugs[0])!;
		const ratings = [sb.state.addRating(conversation, 5), sb.state.addRating(conversation, 4)];
		sb.setListOrder('reversed');
		try {
			const first = await api.get('/conversations?page=1');
			expect(first.body).toMatchObject({ page_count: 2, total_count: 31 });
			expect(first.body.conversations.map((c: { slug: string }) => c.slug)).toEqual(slugs.slice(0, 30));
			expect((await api.get('/conversations?page=2')).body.conversations.map((c: { slug: string }) => c.slug)).toEqual([slugs[30]]);
			const changed = await api.get('/conversations?sort=changed');
			expect(changed.body.conversations[0].slug).toBe(slugs[0]);
			const messages = (await api.get('/messages?page=2')).body.messages.map((m: { conversation: { slug: string } }) => m.conversation.slug);
			expect(messages).toEqual([slugs[30]]);
			expect((await api.get('/satisfaction_ratings')).body.satisfaction_ratings.map((r: { id: string }) => r.id)).toEqual(ratings.map((r) => r.id));
			// The knob survives a reset, like the fault configuration.
			sb.reset();
			await createConversations(2);
			expect((await api.get('/conversations')).body.conversations.map((c: { subject: string }) => c.subject)).toEqual(['Test conversation 1', 'Test conversation 2']);
		} finally {
			sb.setListOrder('natural');
		}
		expect((await api.get('/conversations')).body.conversations.map((c: { subject: string }) => c.subject)).toEqual(['Test conversation 2', 'Test conversation 1']);
	});
});
