import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { buildGetChannelPath } from '../../../../../nodes/Reamaze/resources/channel/get';
import { InputError } from '../../../../../nodes/shared/errors';
import { BASIC_AUTH, runReamazeNode } from '../../run';
import { onRequest, resetWire } from '../../wire';

describe('buildGetChannelPath (GET /channels/{slug})', () => {
	const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });

	it('uses the trimmed slug, picked from the list or typed', () => {
		expect(buildGetChannelPath(locator('slug', ' support '))).toEqual(['channels', 'support']);
		expect(buildGetChannelPath(locator('list', 'sales'))).toEqual(['channels', 'sales']);
	});

	it.each([locator('slug', ''), locator('slug', '..'), locator('slug', {}), locator('list', 'a\u0000b'), locator('email', 'x'), 'support', {}])(
		'rejects %j',
		(channel) => {
			let caught: unknown;
			try {
				buildGetChannelPath(channel);
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeInstanceOf(InputError);
			expect((caught as InputError).field).toBe('Channel');
		},
	);
});

describe('Channel on the wire', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => resetWire());
	afterAll(() => nock.enableNetConnect());

	const support = { name: 'Support', slug: 'support', email: 'support@acme.test', channel: 1 };
	const chat = { name: 'Chat', slug: 'chat', email: null, channel: 6 };

	it('Get: GET /channels/{slug}, the bare channel', async () => {
		const seen = onRequest('GET', '/api/v1/channels/support', support);
		const run = await runReamazeNode({ resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: 'support' } });
		expect(run.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['GET /api/v1/channels/support']);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].body).toBe('');
		expect(run.items).toEqual([{ json: support, pairedItem: { item: 0 } }]);
	});

	it('Get of an unknown slug is a 404 naming it', async () => {
		onRequest('GET', '/api/v1/channels/nope', { error: 'Not found' }, 404);
		const run = await runReamazeNode({ resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: 'nope' } });
		expect(run.error?.message).toBe('Not found (HTTP 404): no channel with slug "nope" in this brand');
	});

	it('Get Many: one GET /channels with no page parameter, one item per channel', async () => {
		const seen = onRequest('GET', '/api/v1/channels', { total_count: 2, channels: [support, chat] });
		const run = await runReamazeNode({ resource: 'channel', operation: 'getAll' }, { items: [{}, {}] });
		expect(run.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/channels', '/api/v1/channels']);
		expect(run.items).toEqual([
			{ json: support, pairedItem: { item: 0 } },
			{ json: chat, pairedItem: { item: 0 } },
			{ json: support, pairedItem: { item: 1 } },
			{ json: chat, pairedItem: { item: 1 } },
		]);
	});

	it('Get Many of an answer without the channels list is a clear error', async () => {
		onRequest('GET', '/api/v1/channels', { total_count: 0 });
		const run = await runReamazeNode({ resource: 'channel', operation: 'getAll' });
		expect(run.error?.message).toBe('Re:amaze did not return a list of channels');
	});
});
