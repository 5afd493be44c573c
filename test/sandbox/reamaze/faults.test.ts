import { STATUS_CODES } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultConfig, type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.setFaults(undefined);
	sb.reset();
});

const N = 200;

/** Exact outcomes for seed 1234 over N requests; the nominal rate × N is in each comment. */
const EXPECTED = {
	rate429: 50, // 0.25 × 200 = 50
	retryAfterSplit: [41, 59], // 100 429s (0.5 × 200), half nominally with Retry-After
	rate5xx: 41, // 0.2 × 200 = 40
	drop: 18, // 0.1 × 200 = 20
	malformed: 58, // 0.3 × 200 = 60
};

/** Sends N GETs one after another; a dropped socket shows up as status 0. */
async function burst(count = N): Promise<number[]> {
	const statuses: number[] = [];
	for (let i = 0; i < count; i++) {
		try {
			statuses.push((await api.get('/channels')).status);
		} catch {
			statuses.push(0);
		}
	}
	return statuses;
}

const count = (values: number[], wanted: number) => values.filter((v) => v === wanted).length;

describe('fault knobs (counted over 200 requests, seed 1234)', () => {
	it('rate429: the same seed gives the same 429s, each logged, none processed', async () => {
		sb.setFaults({ rate429: 0.25, seed: 1234 });
		const first = await burst();
		sb.setFaults({ rate429: 0.25, seed: 1234 });
		const second = await burst();
		expect(second).toEqual(first);
		expect(count(first, 429)).toBe(EXPECTED.rate429);
		expect(count(first, 200)).toBe(N - EXPECTED.rate429);
		expect(sb.faultLog.filter((f) => f.type === 'rate-limit')).toHaveLength(2 * EXPECTED.rate429);
		expect(sb.faultLog[0]).toMatchObject({ type: 'rate-limit', method: 'GET', path: '/acme/api/v1/channels', status: 429 });
	});

	it('a different seed gives a different schedule', async () => {
		sb.setFaults({ rate429: 0.25, seed: 1234 });
		const a = await burst(50);
		sb.setFaults({ rate429: 0.25, seed: 99 });
		const b = await burst(50);
		expect(b).not.toEqual(a);
	});

	it('retryAfterShare: that share of the 429s carries Retry-After in seconds', async () => {
		sb.setFaults({ rate429: 0.5, retryAfterShare: 0.5, retryAfterSeconds: 7, seed: 1234 });
		let withHeader = 0;
		let without = 0;
		for (let i = 0; i < N; i++) {
			const reply = await api.get('/channels');
			if (reply.status !== 429) continue;
			expect(reply.body).toEqual({ error: 'Too Many Requests' });
			const header = reply.headers.get('retry-after');
			if (header === null) without++;
			else {
				expect(header).toBe('7');
				withHeader++;
			}
		}
		expect([withHeader, without]).toEqual(EXPECTED.retryAfterSplit);
	});

	it('retryAfterFormat http-date sends an IMF-fixdate about retryAfterSeconds ahead', async () => {
		sb.setFaults({ rate429: 1, retryAfterShare: 1, retryAfterSeconds: 30, retryAfterFormat: 'http-date' });
		// Bounds from the moments around the request, not from how long it took: a loaded machine only widens them.
		const before = Date.now();
		const reply = await api.get('/channels');
		const after = Date.now();
		const header = reply.headers.get('retry-after') ?? '';
		expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
		// An HTTP date has whole seconds: the server's now + 30 s, rounded down.
		expect(Date.parse(header)).toBeGreaterThanOrEqual(Math.floor((before + 30_000) / 1000) * 1000);
		expect(Date.parse(header)).toBeLessThanOrEqual(after + 30_000);
	});

	it('rate5xx: JSON 500/502/503/504 answers', async () => {
		sb.setFaults({ rate5xx: 0.2, seed: 1234 });
		const statuses = await burst();
		const errors = statuses.filter((s) => s >= 500);
		expect(errors).toHaveLength(EXPECTED.rate5xx);
		expect(new Set(errors)).toEqual(new Set([500, 502, 503, 504]));
		expect(sb.faultLog.map((f) => f.status)).toEqual(errors);
		sb.setFaults({ rate5xx: 1 });
		const reply = await api.get('/channels');
		expect(reply.body).toEqual({ error: STATUS_CODES[reply.status] });
	});

	it('dropRate: the client sees a socket error and no answer', async () => {
		sb.setFaults({ dropRate: 0.1, seed: 1234 });
		const statuses = await burst();
		expect(count(statuses, 0)).toBe(EXPECTED.drop);
		expect(sb.requests.filter((r) => r.fault === 'drop').every((r) => r.status === 0)).toBe(true);
		sb.setFaults({ dropRate: 1 });
		await expect(fetch(`${sb.baseUrl}/channels`, { headers: { accept: 'application/json' } })).rejects.toThrow(TypeError);
	});

	it('malformedJsonRate: a 200 whose body does not parse', async () => {
		sb.setFaults({ malformedJsonRate: 0.3, seed: 1234 });
		let broken = 0;
		for (let i = 0; i < N; i++) {
			const reply = await api.get('/channels');
			expect(reply.status).toBe(200);
			if (typeof reply.body === 'string') {
				expect(() => JSON.parse(reply.text)).toThrow(SyntaxError);
				expect(reply.text.startsWith('{"total_count":4')).toBe(true);
				broken++;
			}
		}
		expect(broken).toBe(EXPECTED.malformed);
		expect(sb.faultLog).toHaveLength(EXPECTED.malformed);
	});

	it('htmlErrorRate: 502 with a text/html page', async () => {
		sb.setFaults({ htmlErrorRate: 1 });
		const reply = await api.get('/channels');
		expect(reply.status).toBe(502);
		expect(reply.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(reply.text).toContain('<h1>502 Bad Gateway</h1>');
		expect(sb.faultLog).toEqual([{ type: 'html-error', method: 'GET', path: '/acme/api/v1/channels', status: 502 }]);
	});

	it('methods: only the listed methods are faulted or delayed', async () => {
		// A POST would wait ten minutes, far beyond the test's timeout: the GET answering at all shows it was not delayed.
		sb.setFaults({ rate5xx: 1, latencyMs: 600_000, methods: ['post'] });
		expect((await api.get('/channels')).status).toBe(200);
		sb.setFaults({ rate5xx: 1, methods: ['post'] });
		expect((await api.post('/conversations', newConversation())).status).toBeGreaterThanOrEqual(500);
		expect(sb.faultLog.map((f) => f.method)).toEqual(['POST']);
	});

	it('latencyMs + latencyJitterMs delay every answer', async () => {
		sb.setFaults({ latencyMs: 60, latencyJitterMs: 40 });
		const started = performance.now();
		await api.get('/channels');
		// A lower bound only: load can make an answer later, never earlier.
		expect(performance.now() - started).toBeGreaterThanOrEqual(55);
		expect(sb.faultLog).toHaveLength(0);
	});

	it('rejects out-of-range configurations', () => {
		expect(() => sb.setFaults({ rate429: 1.5 })).toThrow('faults.rate429 must be a number from 0 to 1');
		expect(() => sb.setFaults({ rate429: 0.6, rate5xx: 0.6 })).toThrow('fault rates add up to more than 1');
	});
});

describe('faults and state', () => {
	const preProcess: [string, FaultConfig][] = [
		['429', { rate429: 1 }],
		['5xx', { rate5xx: 1 }],
		['HTML 502', { htmlErrorRate: 1 }],
		['drop', { dropRate: 1 }],
	];
	it.each(preProcess)('a %s fault happens before processing and changes nothing', async (_name, faults) => {
		sb.setFaults(faults);
		await api.post('/conversations', newConversation()).catch(() => undefined);
		await api.post('/contacts', { contact: { email: 'x@example.com' } }).catch(() => undefined);
		expect(sb.state.conversations()).toHaveLength(0);
		expect(sb.state.contacts).toHaveLength(0);
		expect(sb.faultLog).toHaveLength(2);
	});

	it('dropAfterProcess applies the request: a retried POST without origin_id duplicates, with origin_id it does not', async () => {
		const slug = (await api.post('/conversations', newConversation())).body.slug;
		sb.setFaults({ dropAfterProcessRate: 1 });
		const send = (message: Record<string, unknown>) => api.post(`/conversations/${slug}/messages`, { message });
		await expect(send({ body: 'plain' })).rejects.toThrow(TypeError);
		await expect(send({ body: 'plain' })).rejects.toThrow(TypeError);
		await expect(send({ body: 'keyed', origin_id: 'k-1' })).rejects.toThrow(TypeError);
		await expect(send({ body: 'keyed', origin_id: 'k-1' })).rejects.toThrow(TypeError);
		sb.setFaults(undefined);
		expect((await send({ body: 'keyed', origin_id: 'k-1' })).status).toBe(200);
		expect(sb.state.messagesOf(slug).map((m) => m.body)).toEqual(['Body 1', 'plain', 'plain', 'keyed']);
		expect(sb.faultLog.map((f) => f.type)).toEqual(['drop-after-process', 'drop-after-process', 'drop-after-process', 'drop-after-process']);
	});

	it('malformed JSON is a post-process fault too: the write happened', async () => {
		sb.setFaults({ malformedJsonRate: 1 });
		const reply = await api.post('/conversations', newConversation());
		expect(reply.status).toBe(200);
		expect(typeof reply.body).toBe('string');
		expect(sb.state.conversations()).toHaveLength(1);
	});

	it('malformed JSON leaves error answers alone', async () => {
		sb.setFaults({ malformedJsonRate: 1 });
		expect((await api.get('/conversations/nope')).body).toEqual({ error: 'Conversation not found: nope' });
		expect(sb.faultLog).toHaveLength(0);
	});
});

describe('control endpoint /__sandbox/faults', () => {
	it('switches faults at run time and reports them', async () => {
		const set = await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rate429: 1, retryAfterShare: 1 }) });
		expect(await set.json()).toEqual({ faults: { rate429: 1, retryAfterShare: 1 } });
		expect((await api.get('/channels')).headers.get('retry-after')).toBe('1');
		const state = await (await fetch(`${sb.url}/__sandbox/state`)).json();
		expect(state).toMatchObject({ faults: { rate429: 1 }, requests: 1, faultLog: 1 });
		await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST' });
		expect((await api.get('/channels')).status).toBe(200);
	});

	it('answers 400 for an invalid configuration and keeps the previous one', async () => {
		sb.setFaults({ rate5xx: 1 });
		const reply = await fetch(`${sb.url}/__sandbox/faults`, { method: 'POST', body: JSON.stringify({ dropRate: 2 }) });
		expect(reply.status).toBe(400);
		expect((await api.get('/channels')).status).toBeGreaterThanOrEqual(500);
	});
});
