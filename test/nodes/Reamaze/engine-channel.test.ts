import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { requestTrail, runChain } from './sandbox-run';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const outputOf = (result: Awaited<ReturnType<typeof runChain>>, node: string) => result.nodeOutputs[node]?.[0] ?? [];

describe('Channel in the real n8n engine against the sandbox', () => {
	it('lists the brand\'s channels in one request, then reads each one by slug', async () => {
		const result = await runChain(sandbox, [
			{ name: 'Channels', parameters: { resource: 'channel', operation: 'getAll' } },
			{ name: 'Channel', parameters: { resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' } } },
		]);
		expect(result.errors).toEqual({});
		const slugs = sandbox.state.channels().map((channel) => channel.slug);
		expect(slugs).toEqual(['support', 'sales', 'chat', 'sms']);

		const listed = outputOf(result, 'Channels');
		expect(listed.map((item) => [item.json.slug, item.json.channel, item.pairedItem])).toEqual([
			['support', 1, { item: 0 }],
			['sales', 1, { item: 0 }],
			['chat', 6, { item: 0 }],
			['sms', 9, { item: 0 }],
		]);
		const read = outputOf(result, 'Channel');
		expect(read.map((item) => [item.json.slug, item.pairedItem])).toEqual(slugs.map((slug, index) => [slug, { item: index }]));
		expect(read[0].json).toEqual(listed[0].json);

		expect(requestTrail(sandbox)).toEqual([
			'GET /acme/api/v1/channels',
			...slugs.map((slug) => `GET /acme/api/v1/channels/${slug}`),
		]);
	});

	it('a channel of another brand is not found in this one', async () => {
		const result = await runChain(sandbox, [
			{ name: 'Channel', parameters: { resource: 'channel', operation: 'get', channel: { __rl: true, mode: 'slug', value: 'eu-support' } } },
		]);
		expect(result.errors.Channel?.message).toBe('Not found (HTTP 404): no channel with slug "eu-support" in this brand');
	});
});
