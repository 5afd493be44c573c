import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { requestTrail, runChain } from './sandbox-run';

let sandbox: Sandbox;

beforeAll(async () => {
	// The seeded brand: 285 conversations with threads of customer and staff messages.
	sandbox = await startSandbox({ seed: 42 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const outputOf = (result: Awaited<ReturnType<typeof runChain>>, node: string) => result.nodeOutputs[node]?.[0] ?? [];
const pagesRequested = () => sandbox.requests.map((request) => Number(request.query.page));

describe('Message → Get Many in the real n8n engine against the sandbox', () => {
	it('Return All of the brand\'s staff messages reads every page, and nothing more', async () => {
		const staff = sandbox.state.messages().filter((message) => message.sender.kind === 'staff');
		expect(staff.length).toBeGreaterThan(60);
		const result = await runChain(sandbox, [
			{
				name: 'Staff Messages',
				parameters: { resource: 'message', operation: 'getAll', returnAll: true, simplify: true, filters: { filter: 'staff' } },
			},
		]);
		expect(result.errors).toEqual({});
		const items = outputOf(result, 'Staff Messages');
		expect(items).toHaveLength(staff.length);
		expect(items.every((item) => item.json.from_staff === true && item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(pagesRequested()).toEqual(Array.from({ length: Math.ceil(staff.length / 30) }, (_, i) => i + 1));
		expect(sandbox.requests.every((request) => request.path === '/acme/api/v1/messages' && request.query.filter === 'staff')).toBe(true);
	});

	it('a limit inside the second page requests two pages, for each input item', async () => {
		const result = await runChain(
			sandbox,
			[
				{
					name: 'Customer Messages',
					parameters: { resource: 'message', operation: 'getAll', returnAll: false, limit: 45, simplify: false, filters: { filter: 'customer' } },
				},
			],
			[{}, {}],
		);
		expect(result.errors).toEqual({});
		const items = outputOf(result, 'Customer Messages');
		expect(items).toHaveLength(90);
		expect(items.slice(0, 45).every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(items.slice(45).every((item) => (item.pairedItem as { item: number }).item === 1)).toBe(true);
		expect(items.every((item) => (item.json.user as { 'staff?': boolean })['staff?'] === false)).toBe(true);
		// Items run in parallel, so the two items' requests interleave; each reads pages 1 and 2 only.
		expect(pagesRequested().sort()).toEqual([1, 1, 2, 2]);
	});

	it('one conversation, newest first, with the original body; a date window on creation time', async () => {
		const conversation = sandbox.state.conversations().find((c) => sandbox.state.messagesOf(c).length >= 3)!;
		const thread = sandbox.state.messagesOf(conversation);
		const result = await runChain(
			sandbox,
			[
				{
					name: 'Thread',
					parameters: {
						resource: 'message',
						operation: 'getAll',
						scope: 'conversation',
						conversation: { __rl: true, mode: 'slug', value: '={{ $json.slug }}' },
						returnAll: true,
						includeOriginalBody: true,
					},
				},
			],
			[{ slug: conversation.slug }],
		);
		expect(result.errors).toEqual({});
		const items = outputOf(result, 'Thread');
		expect(items.map((item) => item.json.body)).toEqual([...thread].reverse().map((message) => message.body));
		expect(items.every((item) => 'original_body' in item.json && item.json.conversation_slug === conversation.slug)).toBe(true);
		expect(requestTrail(sandbox)).toEqual([`GET /acme/api/v1/conversations/${conversation.slug}/messages?include=original_body&page=1`]);

		sandbox.clearRequests();
		const start = new Date(thread[1].createdAt).toISOString();
		const end = new Date(thread[thread.length - 1].createdAt).toISOString();
		const windowed = await runChain(sandbox, [
			{
				name: 'Window',
				parameters: { resource: 'message', operation: 'getAll', returnAll: true, filters: { startDate: start, endDate: end } },
			},
		]);
		const inWindow = sandbox.state
			.messages()
			.filter((message) => message.createdAt >= Date.parse(start) && message.createdAt <= Date.parse(end));
		expect(outputOf(windowed, 'Window')).toHaveLength(inWindow.length);
		expect(sandbox.requests[0].query).toMatchObject({ start_date: start, end_date: end });
	});

	it('a message posted by the node is listed by it, in the same workflow', async () => {
		const conversation = sandbox.state.conversations()[0];
		const result = await runChain(
			sandbox,
			[
				{
					name: 'Note',
					parameters: {
						resource: 'message',
						operation: 'create',
						conversation: { __rl: true, mode: 'slug', value: conversation.slug },
						body: 'Checked with the carrier',
						visibility: 1,
						additionalFields: { originId: 'engine-note-1' },
					},
				},
				{
					name: 'Latest',
					parameters: {
						resource: 'message',
						operation: 'getAll',
						scope: 'conversation',
						conversation: { __rl: true, mode: 'slug', value: '={{ $json.conversation.slug }}' },
						returnAll: false,
						limit: 1,
					},
				},
			],
		);
		expect(result.errors).toEqual({});
		expect(outputOf(result, 'Latest')).toEqual([
			{
				json: expect.objectContaining({ body: 'Checked with the carrier', is_internal_note: true, origin_id: 'engine-note-1' }),
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.state.messagesOf(conversation).slice(-1)[0]?.originId).toBe('engine-note-1');
	});
});
