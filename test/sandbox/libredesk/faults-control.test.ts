import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMultipart, type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { client, type Client } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 30 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.setFaults(undefined);
	sb.reset();
});

async function burst(count: number, method: 'GET' | 'PUT' = 'GET'): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < count; i++) {
		try {
			statuses.push(method === 'GET' ? (await api.get('/api/v1/tags')).status : (await api.put('/api/v1/conversations/x/priority', { priority: 'Low' })).status);
		} catch {
			statuses.push(0);
		}
	}
	return statuses;
}
const count = (values: number[], wanted: number) => values.filter((v) => v === wanted).length;

describe('request recording', () => {
	it('keeps method, path, raw query, headers, raw and parsed bodies, multipart parts and status', async () => {
		await api.post('/api/v1/webhooks', { name: 'a<b' }, { scheme: 'token' });
		const { body, contentType } = buildMultipart([{ name: 'files', value: Buffer.from([0, 1, 2]), filename: 'x.bin' }]);
		await api.post('/api/v1/media', undefined, { raw: body, headers: { 'content-type': contentType } });
		await api.get('/api/v1/conversations/all?page=2&type=a&type=b');
		const [hook, media, list] = sb.requests;
		expect(hook).toMatchObject({ method: 'POST', path: '/api/v1/webhooks', queryString: '', body: { name: 'a<b' }, bodyText: '{"name":"a<b"}', status: 200 });
		expect(hook.headers.authorization).toBe(`token ${sb.adminKey}:${sb.adminSecret}`);
		expect(media.rawBody.equals(body)).toBe(true);
		expect(media.parts?.[0]).toMatchObject({ name: 'files', filename: 'x.bin' });
		expect(media.parts?.[0].data.equals(Buffer.from([0, 1, 2]))).toBe(true);
		expect(list).toMatchObject({ queryString: 'page=2&type=a&type=b', query: { page: '2', type: ['a', 'b'] } });
		sb.clearRequests();
		expect(sb.requests).toHaveLength(0);
	});
});

describe('fault knobs', () => {
	it('rate5xx is seeded: the same seed gives the same schedule, faults are logged and not processed', async () => {
		sb.setFaults({ rate5xx: 0.3, seed: 99 });
		const first = await burst(60);
		sb.setFaults({ rate5xx: 0.3, seed: 99 });
		const second = await burst(60);
		expect(second).toEqual(first);
		const failed = first.filter((s) => s >= 500).length;
		expect(failed).toBeGreaterThan(5);
		expect(failed).toBeLessThan(40);
		expect(sb.faultLog.filter((f) => f.type === 'server-error')).toHaveLength(2 * failed);
	});

	it('htmlErrorRate answers a text/html 502; dropRate closes the socket before processing', async () => {
		sb.setFaults({ htmlErrorRate: 1 });
		const html = await api.get('/api/v1/tags');
		expect(html.status).toBe(502);
		expect(html.headers.get('content-type')).toMatch(/^text\/html/);
		sb.setFaults({ dropRate: 1, methods: ['PUT'] });
		const uuid = sb.state.conversations[0].uuid;
		await expect(api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'High' })).rejects.toThrow();
		expect(sb.state.conversations[0].priorityId).not.toBe(3);
		expect((await api.get('/api/v1/tags')).status).toBe(200);
	});

	it('dropAfterProcessRate applies the change, then closes the socket; malformedJsonRate cuts a 2xx body', async () => {
		const uuid = sb.state.conversations[0].uuid;
		sb.setFaults({ dropAfterProcessRate: 1 });
		await expect(api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'High' })).rejects.toThrow();
		expect(sb.state.conversations[0].priorityId).toBe(3);
		sb.setFaults({ malformedJsonRate: 1 });
		const cut = await api.get('/api/v1/tags');
		expect(cut.status).toBe(200);
		expect(() => JSON.parse(cut.text)).toThrow();
	});

	it('rateLimit is a token bucket: the burst passes, then 429 RateLimitException with Retry-After', async () => {
		sb.setFaults({ rateLimit: { perSecond: 0.1, burst: 3, retryAfter: true } });
		const statuses = await burst(6);
		expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
		expect(count(statuses.slice(3), 429)).toBe(3);
		const limited = await api.get('/api/v1/tags');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ status: 'error', message: 'Too many requests', data: null, error_type: 'RateLimitException' });
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		expect(sb.faultLog[sb.faultLog.length - 1]).toMatchObject({ type: 'rate-limit', status: 429, path: '/api/v1/tags' });
	});

	it('methods limits which requests are eligible', async () => {
		sb.setFaults({ rate5xx: 1, methods: ['PUT'] });
		expect(await burst(3)).toEqual([200, 200, 200]);
		expect((await burst(2, 'PUT')).every((s) => s >= 500)).toBe(true);
	});

	it('refuses impossible configurations', () => {
		expect(() => sb.setFaults({ rate5xx: 0.8, dropRate: 0.4 })).toThrow(/more than 1/);
		expect(() => sb.setFaults({ rateLimit: { perSecond: 0 } })).toThrow(/perSecond/);
	});
});

describe('control endpoints (/__sandbox)', () => {
	it('state, faults and reset over HTTP, unrecorded and without auth', async () => {
		const state = (await (await fetch(`${sb.url}/__sandbox/state`)).json()) as any;
		expect(state).toMatchObject({ version: 'v2.7.0', conversations: 30, inboxes: 4, teams: 3, agents: 6, tags: 10 });
		const set = await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ rate5xx: 1 }) });
		expect(((await set.json()) as any).faults).toEqual({ rate5xx: 1 });
		expect((await api.get('/api/v1/tags')).status).toBeGreaterThanOrEqual(500);
		await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: '' });
		const uuid = sb.state.conversations[0].uuid;
		await api.put(`/api/v1/conversations/${uuid}/priority`, { priority: 'High' });
		expect(((await (await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' })).json()) as any).requests).toBe(0);
		expect(sb.state.conversations[0].priorityId).not.toBe(3);
		expect((await fetch(`${sb.url}/__sandbox/nope`)).status).toBe(404);
		expect(sb.requests.some((r) => r.path.startsWith('/__sandbox'))).toBe(false);
	});
});

describe('seed', () => {
	it('is deterministic for a seed and differs between seeds', async () => {
		const [a, b, c] = await Promise.all([startLibreDeskSandbox({ seed: 5, conversations: 40 }), startLibreDeskSandbox({ seed: 5, conversations: 40 }), startLibreDeskSandbox({ seed: 6, conversations: 40 })]);
		try {
			const page = async (s: LibreDeskSandbox) => (await client(s).get('/api/v1/conversations/all?page_size=40&order_by=conversations.created_at')).body.data.results.map((r: { uuid: string; subject: string; status: string }) => [r.uuid, r.subject, r.status]);
			expect(await page(a)).toEqual(await page(b));
			expect(await page(a)).not.toEqual(await page(c));
			expect(a.state.conversations.map((x) => x.referenceNumber)).toEqual(Array.from({ length: 40 }, (_, i) => String(100 + i)));
		} finally {
			await Promise.all([a.close(), b.close(), c.close()]);
		}
	});

	it('seeds statuses, inboxes, teams, assignees, tags, attachments and every message kind', () => {
		const conversations = sb.state.conversations;
		const messages = sb.state.allMessages();
		expect(new Set(conversations.map((c) => c.statusId)).size).toBeGreaterThanOrEqual(4);
		expect(new Set(conversations.map((c) => c.inboxId)).size).toBeGreaterThanOrEqual(3);
		expect(conversations.some((c) => c.assignedUserId === null && c.assignedTeamId === null)).toBe(true);
		expect(conversations.some((c) => c.tagIds.length > 0)).toBe(true);
		expect(new Set(messages.map((m) => `${m.type}:${m.private}`))).toEqual(new Set(['incoming:false', 'outgoing:false', 'outgoing:true', 'activity:true']));
		expect(messages.some((m) => m.mediaIds.length > 0)).toBe(true);
	});

	it('seed: false keeps lookups, agents and keys, and no conversations', async () => {
		const empty = await startLibreDeskSandbox({ seed: false });
		try {
			expect(empty.state.conversations).toHaveLength(0);
			expect((await client(empty).get('/api/v1/agents/me', { as: 'agent' })).body.data.first_name).toBe('Bob');
			expect(empty.agentKey).toBe(sb.agentKey);
		} finally {
			await empty.close();
		}
	});

	it('handles 10,000 conversations', async () => {
		const big = await startLibreDeskSandbox({ conversations: 10_000 });
		try {
			const data = (await client(big).get('/api/v1/conversations/all?page=3&page_size=500')).body.data;
			expect(data).toMatchObject({ total: 10_000, per_page: 500, total_pages: 20, page: 3 });
			expect(big.state.conversations[big.state.conversations.length - 1]?.referenceNumber).toBe('10099');
		} finally {
			await big.close();
		}
	});
});
