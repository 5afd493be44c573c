import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { buildUrl, explainRefusal } from '../../../../nodes/Reamaze/transport';
import { backoffDelay, parseRetryAfter } from '../../../../nodes/shared/retry';
import { runReamazeNode } from '../run';

describe('transport helpers', () => {
	it('percent-encodes each path segment', () => {
		expect(buildUrl('https://acme.reamaze.io/api/v1', ['conversations', 'a b/c?d#e', 'messages'])).toBe(
			'https://acme.reamaze.io/api/v1/conversations/a%20b%2Fc%3Fd%23e/messages',
		);
	});

	it('reads Retry-After as seconds or as an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter(['1.5'])).toBe(1500);
		const now = Date.parse('2026-11-23T10:00:00Z');
		expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('backs off exponentially with full jitter', () => {
		expect(backoffDelay(0, 1000, () => 1)).toBe(1000);
		expect(backoffDelay(3, 1000, () => 1)).toBe(8000);
		expect(backoffDelay(3, 1000, () => 0.5)).toBe(4000);
		expect(backoffDelay(40, 1000, () => 1)).toBe(1024000);
	});

	it.each([
		[{ errors: { category: ['is invalid'], subject: ["can't be blank"] } }, "category is invalid; subject can't be blank"],
		[{ errors: { base: ['Hold until is required'] } }, 'Hold until is required'],
		[{ errors: ['a', 'b'] }, 'a; b'],
		[{ error: 'Channel not found' }, 'Channel not found'],
		['{"error":"as text"}', 'as text'],
		['plain words', 'plain words'],
		['<html>502</html>', undefined],
		[{}, undefined],
	])('explains the 422 body %j', (body, expected) => {
		expect(explainRefusal(body)).toBe(expected);
	});
});

describe('retries', () => {
	const API = 'https://acme.reamaze.io';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('waits out a 429 with Retry-After and then succeeds', async () => {
		const scope = nock(API)
			.get('/api/v1/conversations/a')
			.reply(429, '', { 'Retry-After': '0' })
			.get('/api/v1/conversations/a')
			.reply(200, { slug: 'a' });
		const run = await runReamazeNode({ resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: 'a' }, simplify: false });
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ slug: 'a' });
		expect(scope.isDone()).toBe(true);
	});

	it('retries a GET after a 503', async () => {
		const scope = nock(API).get('/api/v1/conversations/a').reply(503, 'down').get('/api/v1/conversations/a').reply(200, { slug: 'a' });
		const run = await runReamazeNode({ resource: 'conversation', operation: 'get', conversation: { __rl: true, mode: 'slug', value: 'a' }, simplify: false });
		expect(run.items[0].json).toEqual({ slug: 'a' });
		expect(scope.isDone()).toBe(true);
	});

	it('never repeats a POST without origin_id after a 500 (it may have been processed)', async () => {
		const scope = nock(API).post('/api/v1/conversations/a/messages').reply(500, '{}');
		const second = nock(API).post('/api/v1/conversations/a/messages').reply(200, { body: 'dup' });
		const run = await runReamazeNode({ resource: 'message', operation: 'create', conversation: { __rl: true, mode: 'slug', value: 'a' }, body: 'Hi' });
		expect(scope.isDone()).toBe(true);
		expect(second.isDone()).toBe(false);
		expect(run.error?.message).toBe('Re:amaze had a server error (HTTP 500)');
	});

	it('repeats a POST that carries an origin_id, which Re:amaze deduplicates', async () => {
		const scope = nock(API)
			.post('/api/v1/conversations/a/messages')
			.reply(500, '{}')
			.post('/api/v1/conversations/a/messages', { message: { body: 'Hi', visibility: 0, origin_id: 'o-1' } })
			.reply(200, { body: 'Hi' });
		const run = await runReamazeNode({
			resource: 'message',
			operation: 'create',
			conversation: { __rl: true, mode: 'slug', value: 'a' },
			body: 'Hi',
			additionalFields: { originId: 'o-1' },
		});
		expect(run.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});

	it('repeats a POST after a 429: the request was refused, not processed', async () => {
		const scope = nock(API)
			.post('/api/v1/conversations')
			.reply(429, '', { 'Retry-After': '0' })
			.post('/api/v1/conversations')
			.reply(200, { slug: 'new' });
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'create',
			subject: 's',
			channel: { __rl: true, mode: 'slug', value: 'support' },
			body: 'b',
			customerEmail: 'c@example.com',
		});
		expect(run.items[0].json).toEqual({ slug: 'new' });
		expect(scope.isDone()).toBe(true);
	});

	it('gives up when the wait budget is spent', async () => {
		const scope = nock(API).get('/api/v1/conversations/a').reply(429, '', { 'Retry-After': '5' });
		const run = await runReamazeNode({
			resource: 'conversation',
			operation: 'get',
			conversation: { __rl: true, mode: 'slug', value: 'a' },
			requestOptions: { maxRetryWaitSeconds: 2 },
		});
		expect(scope.isDone()).toBe(true);
		expect(run.error?.message).toBe('Re:amaze rate limit reached (HTTP 429)');
	});
});

describe('retries of a PUT that adds something', () => {
	const API = 'https://acme.reamaze.io';
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => nock.cleanAll());
	afterAll(() => nock.enableNetConnect());

	it('a Contact → Update carrying notes is not resent after a 500 (notes would be added twice)', async () => {
		const first = nock(API).put('/api/v1/contacts/bob%40example.com').reply(500, '{}');
		const second = nock(API).put('/api/v1/contacts/bob%40example.com').reply(200, { email: 'bob@example.com' });
		const run = await runReamazeNode({
			resource: 'contact',
			operation: 'update',
			identifierType: 'email',
			contactIdentifier: 'bob@example.com',
			updateFields: { notes: { note: [{ text: 'VIP' }] } },
		});
		expect(first.isDone()).toBe(true);
		expect(second.isDone()).toBe(false);
		expect(run.error?.message).toBe('Re:amaze had a server error (HTTP 500)');
	});

	it('the same update without notes is resent', async () => {
		const scope = nock(API)
			.put('/api/v1/contacts/bob%40example.com')
			.reply(500, '{}')
			.put('/api/v1/contacts/bob%40example.com')
			.reply(200, { email: 'bob@example.com' });
		const run = await runReamazeNode({
			resource: 'contact',
			operation: 'update',
			identifierType: 'email',
			contactIdentifier: 'bob@example.com',
			updateFields: { name: 'Bob' },
		});
		expect(run.error).toBeUndefined();
		expect(scope.isDone()).toBe(true);
	});
});
