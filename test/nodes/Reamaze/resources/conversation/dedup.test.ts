import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ReamazeApi } from '../../../../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../../../../nodes/Reamaze/Reamaze.node';
import { DEDUP_FIELD, dedupKeyOf } from '../../../../../nodes/Reamaze/helpers/dedup';
import { InputError } from '../../../../../nodes/shared/errors';
import { runWorkflow } from '../../../../harness/engine';
import { type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';

/**
 * Exactly-once Conversation → Create across re-runs, in n8n's engine against the sandbox: a
 * workflow that creates a conversation and replies to it (Origin ID Generation) is run twice, and
 * once with Retry On Fail after the create's answer was lost. Re:amaze ends up with one
 * conversation and one reply each time.
 */
let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => {
	sandbox.setFaults(undefined);
	sandbox.reset();
});
afterAll(async () => sandbox.close());

const locator = (mode: string, value: string) => ({ __rl: true, mode, value });

function createParameters(extra: IDataObject = {}): INodeParameters {
	return {
		resource: 'conversation',
		operation: 'create',
		subject: '=Order {{ $json.order }} never arrived',
		channel: locator('slug', 'support'),
		body: '=Where is order {{ $json.order }}?',
		customerEmail: '={{ $json.email }}',
		additionalFields: { preventDuplicates: 'content', ...extra } as INodeParameters,
	};
}

const replyParameters: INodeParameters = {
	resource: 'message',
	operation: 'create',
	conversation: locator('slug', '={{ $json.slug }}'),
	body: 'We are on it.',
	additionalFields: { autoOriginId: 'content' },
};

/** Start → Test Items → Create Conversation → Reply, optionally with Retry On Fail on the create. */
async function run(items: IDataObject[], create: INodeParameters, settings: Partial<INode> = {}) {
	const node = (id: string, name: string, parameters: INodeParameters, x: number, extra: Partial<INode> = {}): INode => ({
		id,
		name,
		type: 'CUSTOM.reamaze',
		typeVersion: 1,
		position: [x, 0],
		parameters,
		credentials: { reamazeApi: { id: '1', name: 'sandbox' } },
		...extra,
	});
	return await runWorkflow(
		{
			nodes: [
				{ id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{ id: 'i', name: 'Items', type: 'n8n-nodes-base.items', typeVersion: 1, position: [200, 0], parameters: { items: JSON.stringify(items) } },
				node('c', 'Create Conversation', create, 400, settings),
				node('m', 'Reply', replyParameters, 600),
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Create Conversation', type: 'main', index: 0 }]] },
				'Create Conversation': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
			},
		},
		{
			credentials: { reamazeApi: { brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl } },
			credentialTypes: [new ReamazeApi()],
			nodeTypes: [new Reamaze()],
		},
	);
}

const conversations = () => sandbox.state.conversations();
const replies = (slug: string) => sandbox.state.messagesOf(slug).filter((message) => message.body === 'We are on it.');

describe('Prevent Duplicates on Conversation → Create', () => {
	it('a re-run of the whole workflow finds the conversation and the reply: one of each in Re:amaze', async () => {
		const items = [{ order: 1001, email: 'carla@example.com' }];
		const first = await run(items, createParameters());
		expect(first.errors).toEqual({});
		const slug = first.nodeOutputs['Create Conversation'][0][0].json.slug as string;
		expect(sandbox.state.findConversation(slug)?.data[DEDUP_FIELD]).toMatch(/^n8n-[0-9a-f]{32}$/);

		const second = await run(items, createParameters());
		expect(second.errors).toEqual({});
		expect(second.nodeOutputs['Create Conversation'][0].map((item) => item.json.slug)).toEqual([slug]);
		expect(second.nodeOutputs['Create Conversation'][0][0].pairedItem).toEqual({ item: 0 });
		expect(conversations()).toHaveLength(1);
		expect(replies(slug)).toHaveLength(1);
		// The look-up before creating: filter=all (archived or spam conversations count too) and the key.
		const lookups = sandbox.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/conversations'));
		expect(lookups).toHaveLength(2);
		expect(lookups[0].query).toEqual({ filter: 'all', [`data[${DEDUP_FIELD}]`]: sandbox.state.findConversation(slug)?.data[DEDUP_FIELD] });
	});

	it('Retry On Fail after the create was processed but its answer lost: no second conversation, no second reply', async () => {
		sandbox.failNext({ type: 'drop-after-process', method: 'POST', pathEndsWith: '/conversations' });
		const result = await run([{ order: 1002, email: 'dan@example.com' }], createParameters(), { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
		expect(result.errors).toEqual({});
		expect(sandbox.faultLog.map((entry) => `${entry.type} ${entry.method} ${entry.path}`)).toEqual(['drop-after-process POST /acme/api/v1/conversations']);
		expect(conversations()).toHaveLength(1);
		const slug = conversations()[0].slug;
		expect(result.nodeOutputs['Create Conversation'][0].map((item) => item.json.slug)).toEqual([slug]);
		expect(replies(slug)).toHaveLength(1);
		expect(sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/conversations'))).toHaveLength(1);
	});

	it('without it, the same Retry On Fail creates a second conversation (why the option exists)', async () => {
		sandbox.failNext({ type: 'drop-after-process', method: 'POST', pathEndsWith: '/conversations' });
		const result = await run([{ order: 1003, email: 'eve@example.com' }], createParameters({ preventDuplicates: 'off' }), {
			retryOnFail: true,
			maxTries: 2,
			waitBetweenTries: 0,
		});
		expect(result.errors).toEqual({});
		expect(conversations()).toHaveLength(2);
	});

	it('the failed attempt tells the user that re-running is safe', async () => {
		sandbox.failNext({ type: 'drop-after-process', method: 'POST', pathEndsWith: '/conversations' });
		const result = await run([{ order: 1004, email: 'finn@example.com' }], createParameters());
		expect(result.errors['Create Conversation']).toMatchObject({
			message: 'The connection to Re:amaze was lost; the request may have been processed',
			description:
				'Re:amaze may have received and processed the request before the connection failed (the connection was reset; network code ECONNRESET). Re-running this item is safe: Prevent Duplicates finds the conversation if this request created it, instead of creating another.',
		});
		const rerun = await run([{ order: 1004, email: 'finn@example.com' }], createParameters());
		expect(rerun.errors).toEqual({});
		expect(conversations()).toHaveLength(1);
	});

	it('two items with the same key in one run create one conversation (they run one after another); By Key uses the given key', async () => {
		const items = [
			{ order: 7, email: 'gil@example.com' },
			{ order: 7, email: 'gil@example.com' },
			{ order: 8, email: 'gil@example.com' },
		];
		const result = await run(items, createParameters({ preventDuplicates: 'key', dedupKey: '=order-{{ $json.order }}' }));
		expect(result.errors).toEqual({});
		const slugs = result.nodeOutputs['Create Conversation'][0].map((item) => item.json.slug);
		expect(slugs[0]).toBe(slugs[1]);
		expect(slugs[2]).not.toBe(slugs[0]);
		expect(conversations().map((conversation) => conversation.data[DEDUP_FIELD]).sort()).toEqual(['order-7', 'order-8']);
	});
});

describe('dedupKeyOf', () => {
	const source = (subject: string) => () => ({
		workflowId: 'w',
		nodeId: 'n',
		body: { conversation: { subject, category: 'support', user: { email: 'A@x.com' }, message: { body: 'b' } } },
	});

	it('is off by default, the given key By Key, a stable hash By Content', () => {
		expect(dedupKeyOf(undefined, '', source('s'))).toBeUndefined();
		expect(dedupKeyOf('off', 'x', source('s'))).toBeUndefined();
		expect(dedupKeyOf('key', ' order-1 ', source('s'))).toBe('order-1');
		expect(dedupKeyOf('content', '', source('s'))).toBe(dedupKeyOf('content', '', source('s')));
		expect(dedupKeyOf('content', '', source('s'))).not.toBe(dedupKeyOf('content', '', source('t')));
	});

	it('refuses By Key without a key, and unknown choices', () => {
		expect(() => dedupKeyOf('key', '  ', source('s'))).toThrow(InputError);
		expect(() => dedupKeyOf('sometimes', '', source('s'))).toThrow(InputError);
	});
});
