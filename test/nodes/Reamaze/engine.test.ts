import { resolve } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { ReamazeApi } from '../../../credentials/ReamazeApi.credentials';
import { Reamaze } from '../../../nodes/Reamaze/Reamaze.node';
import { loadWorkflowFixture, runWorkflow } from '../../harness/engine';
import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';

let sandbox: Sandbox;
const fixture = (name: string) => loadWorkflowFixture(resolve(__dirname, '../../fixtures/workflows', name));

beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

function credentials() {
	return { reamazeApi: { brand: 'acme', email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl } };
}

describe('conversation lifecycle in the real n8n engine against the sandbox', () => {
	it('creates, notes, holds and reads back one conversation, with expressions between nodes', async () => {
		const result = await runWorkflow(fixture('conversation-lifecycle.json'), {
			credentials: credentials(),
			credentialTypes: [new ReamazeApi()],
			nodeTypes: [new Reamaze()],
		});
		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);

		const created = result.nodeOutputs['Create Conversation'][0];
		expect(created).toHaveLength(1);
		expect(created[0].pairedItem).toEqual({ item: 0 });
		expect(created[0].json).toMatchObject({
			subject: 'Order 1234 never arrived',
			slug: 'order-1234-never-arrived',
			tag_list: ['shipping', 'order'],
			data: { order_id: '1234' },
			category: { slug: 'support', channel: 1 },
			author: { email: 'carla@example.com', name: 'Carla Customer' },
		});

		const note = result.nodeOutputs['Post Internal Note'][0];
		expect(note).toHaveLength(1);
		expect(note[0].pairedItem).toEqual({ item: 0 });
		expect(note[0].json).toMatchObject({
			body: 'Customer carla@example.com asked about order 1234',
			visibility: 1,
			origin_id: 'note-order-1234-never-arrived',
			conversation: { slug: 'order-1234-never-arrived' },
		});

		const held = result.nodeOutputs['Hold Conversation'][0];
		expect(held[0].pairedItem).toEqual({ item: 0 });
		expect(held[0].json).toMatchObject({
			status: 5,
			tag_list: ['shipping', 'order', 'waiting-on-carrier'],
			assignee: { email: 'sam@acme.test' },
		});

		const fetched = result.nodeOutputs['Get Conversation'][0];
		expect(fetched).toHaveLength(1);
		expect(fetched[0].pairedItem).toEqual({ item: 0 });
		expect(fetched[0].json).toMatchObject({ slug: 'order-1234-never-arrived', status: 5, data: { order_id: '1234' } });

		// The sandbox holds what the workflow did.
		const stored = sandbox.state.findConversation('order-1234-never-arrived');
		expect(stored?.tagList).toEqual(['shipping', 'order', 'waiting-on-carrier']);
		expect(stored?.holdUntil).toBe(Date.parse('2030-01-15T09:00:00Z'));
		const notes = sandbox.state.messagesOf('order-1234-never-arrived').filter((message) => message.visibility === 1);
		expect(notes.map((message) => message.body)).toEqual(['Customer carla@example.com asked about order 1234']);

		// The requests the node sent, in order: the note addresses the conversation by slug, the update
		// by reference ID (one read finds the slug and the tags), the read by its perma_url.
		const refId = created[0].json.ref_id as string;
		expect(sandbox.requests.map((request) => `${request.method} ${request.path} ${new URLSearchParams(request.query as Record<string, string>)}`.trim())).toEqual([
			'POST /acme/api/v1/conversations',
			'POST /acme/api/v1/conversations/order-1234-never-arrived/messages',
			`GET /acme/api/v1/conversations/${refId} id_type=ref`,
			'PUT /acme/api/v1/conversations/order-1234-never-arrived',
			'GET /acme/api/v1/conversations/order-1234-never-arrived',
		]);
	});
});
