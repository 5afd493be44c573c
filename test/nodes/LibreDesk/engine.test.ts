import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runChain, runLibreDesk } from './run';

/** LibreDesk workflows in n8n-core's WorkflowExecute against the sandbox. */
let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const byUuid = (value: string) => ({ __rl: true, mode: 'uuid', value });

describe('a conversation\'s life in one workflow', () => {
	it('Create → Send → Update → Get, wired by expressions through pairedItem', async () => {
		const result = await runChain(
			credentialsOf(sandbox),
			[
				{
					name: 'Create',
					parameters: {
						resource: 'conversation',
						operation: 'create',
						inboxId: 1,
						contactEmail: '={{ $json.email }}',
						firstName: '={{ $json.name }}',
						subject: '={{ "Order " + $json.order }}',
						content: 'We received your order.',
						initiator: 'agent',
						...FAST,
					},
				},
				{
					name: 'Note',
					parameters: {
						resource: 'message',
						operation: 'send',
						conversation: byUuid('={{ $json.uuid }}'),
						messageType: 'note',
						content: '={{ "Order " + $("Input").item.json.order + " needs a check" }}',
						additionalFields: { mentionTeams: [2] },
						...FAST,
					},
				},
				{
					name: 'Update',
					parameters: {
						resource: 'conversation',
						operation: 'update',
						conversation: byUuid('={{ $("Create").item.json.uuid }}'),
						updateFields: { status: 'Resolved', priority: 'Medium', tags: ['billing'], tagsMode: 'add', teamId: 2 },
						...FAST,
					},
				},
				{
					name: 'Get',
					parameters: {
						resource: 'conversation',
						operation: 'get',
						conversation: { __rl: true, mode: 'referenceNumber', value: '={{ $("Create").item.json.reference_number }}' },
						...FAST,
					},
				},
			],
			{ items: [{ email: 'ann@example.com', name: 'Ann', order: 'A-1' }, { email: 'bob@example.com', name: 'Bob', order: 'B-2' }] },
		);
		expect(result.errors).toEqual({});
		expect(result.finished).toBe(true);
		const created = result.nodeOutputs.Create[0];
		const got = result.nodeOutputs.Get[0];
		expect(got.map((item) => item.json.uuid)).toEqual(created.map((item) => item.json.uuid));
		expect(got.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(got[1].json).toMatchObject({ status: 'Resolved', priority: 'Medium', assigned_team_id: 2, tags: ['billing'] });
		expect((got[1].json.contact as { email: string }).email).toBe('bob@example.com');
		expect(result.nodeOutputs.Note[0][0].json).toMatchObject({ private: true, content: 'Order A-1 needs a check' });
	});
});

describe('Continue On Fail keeps every item in its place', () => {
	const items = [{ uuid: '' }, { uuid: 'not-a-uuid' }, { uuid: '00000000-0000-4000-8000-000000000000' }];

	it('an error item per failed input item, paired with it, between the successes', async () => {
		items[0].uuid = sandbox.state.conversations[0].uuid;
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'conversation', operation: 'get', conversation: byUuid('={{ $json.uuid }}'), ...FAST }, { items, continueOnFail: true });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.items[0].json.uuid).toBe(items[0].uuid);
		expect(run.items[1].json).toEqual({
			error: 'Item 2: Conversation UUID "not-a-uuid" is not a UUID (8-4-4-4-12 hexadecimal digits)',
			errorDescription: 'Correct the "Conversation UUID" parameter (or the expression that fills it) for this item.',
		});
		expect(run.items[2].json.error).toBe('Not found (HTTP 404): no conversation with UUID "00000000-0000-4000-8000-000000000000"');
	});

	it('without it, the run stops at the first failed item and names it', async () => {
		items[0].uuid = sandbox.state.conversations[0].uuid;
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'conversation', operation: 'get', conversation: byUuid('={{ $json.uuid }}'), ...FAST }, { items });
		expect(run.error?.message).toBe('Item 2: Conversation UUID "not-a-uuid" is not a UUID (8-4-4-4-12 hexadecimal digits)');
		expect(run.error?.context?.itemIndex).toBe(1);
	});
});

describe('items that change one conversation keep their order', () => {
	it('notes to the same conversation arrive in input order, with items in parallel', async () => {
		const conversation = sandbox.state.conversations[3];
		const before = sandbox.state.messagesOf(conversation).length;
		const run = await runLibreDesk(
			credentialsOf(sandbox),
			{
				resource: 'message',
				operation: 'send',
				conversation: byUuid(conversation.uuid),
				messageType: 'note',
				content: '={{ "note " + $json.n }}',
				requestOptions: { ...FAST.requestOptions, concurrency: 10 },
			},
			{ items: Array.from({ length: 8 }, (_, n) => ({ n })) },
		);
		expect(run.error).toBeUndefined();
		const notes = sandbox.state.messagesOf(conversation).slice(before).filter((message) => message.private && message.type === 'outgoing');
		expect(notes.map((message) => message.content)).toEqual(Array.from({ length: 8 }, (_, n) => `note ${n}`));
	});
});
