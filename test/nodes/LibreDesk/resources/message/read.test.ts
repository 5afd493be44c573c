import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const locator = (uuid: string) => ({ __rl: true, mode: 'uuid', value: uuid });

function busiest() {
	return [...sandbox.state.conversations].sort((a, b) => sandbox.state.messagesOf(b).length - sandbox.state.messagesOf(a).length)[0];
}

describe('Message → Get Many (§6.1)', () => {
	it('newest first, with the private and type filters as LibreDesk reads them', async () => {
		const conversation = busiest();
		const run = await runLibreDesk(credentialsOf(sandbox), {
			resource: 'message',
			operation: 'getAll',
			conversation: locator(conversation.uuid),
			returnAll: true,
			filters: { privacy: 'excludeNotes', types: ['incoming', 'outgoing'] },
			...FAST,
		});
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([
			// The filters exist since v0.10.0: the release is read once first.
			'GET /api/v1/settings/general',
			`GET /api/v1/conversations/${conversation.uuid}/messages?private=false&type=incoming&type=outgoing&page=1&page_size=100`,
		]);
		expect(run.items.length).toBeGreaterThan(0);
		for (const item of run.items) {
			expect(item.json.private).toBe(false);
			expect(['incoming', 'outgoing']).toContain(item.json.type);
		}
		const times = run.items.map((item) => String(item.json.created_at));
		expect(times).toEqual([...times].sort().reverse());
		expect(Object.keys(run.items[0].json)).toEqual(expect.arrayContaining(['uuid', 'type', 'text_content', 'author']));
	});

	it('Limit stops early', async () => {
		const conversation = busiest();
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'message', operation: 'getAll', conversation: locator(conversation.uuid), limit: 2, ...FAST });
		expect(run.items).toHaveLength(2);
		expect(sandbox.requests[0].query).toEqual({ page: '1', page_size: '2' });
	});
});

describe('Message → Get (§6.2)', () => {
	it('one GET, the raw message', async () => {
		const conversation = busiest();
		const message = sandbox.state.messagesOf(conversation)[0];
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'message', operation: 'get', conversation: locator(conversation.uuid), messageUuid: message.uuid, ...FAST });
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`GET /api/v1/conversations/${conversation.uuid}/messages/${message.uuid}`]);
		expect(run.items[0].json).toMatchObject({ uuid: message.uuid, conversation_uuid: conversation.uuid });
		expect(run.items[0].json).toHaveProperty('meta');
	});

	it('an unknown message UUID (LibreDesk answers 500) is named as such, without retries', async () => {
		const conversation = busiest();
		const unknown = '11111111-2222-4333-8444-555555555555';
		const run = await runLibreDesk(credentialsOf(sandbox), {
			resource: 'message',
			operation: 'get',
			conversation: locator(conversation.uuid),
			messageUuid: unknown,
			requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 5 },
		});
		expect(run.error?.message).toBe(`No message with UUID "${unknown}" in this conversation (LibreDesk answered HTTP 500)`);
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('Message → Delete (§6.5)', () => {
	it('deletes a private note and answers with the tombstone', async () => {
		const conversation = sandbox.state.conversations.find((c) => sandbox.state.messagesOf(c).some((m) => m.private && m.type === 'outgoing'))!;
		const note = sandbox.state.messagesOf(conversation).find((m) => m.private && m.type === 'outgoing')!;
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'message', operation: 'delete', conversation: locator(conversation.uuid), messageUuid: note.uuid, ...FAST });
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`DELETE /api/v1/conversations/${conversation.uuid}/messages/${note.uuid}`]);
		expect(run.items[0].json).toMatchObject({ uuid: note.uuid, conversation_uuid: conversation.uuid, deleted: true });
		expect(typeof run.items[0].json.content).toBe('string');
	});

	it('a reply cannot be deleted: a clear 404', async () => {
		const conversation = busiest();
		const reply = sandbox.state.messagesOf(conversation).find((m) => !m.private)!;
		const run = await runLibreDesk(credentialsOf(sandbox), { resource: 'message', operation: 'delete', conversation: locator(conversation.uuid), messageUuid: reply.uuid, ...FAST });
		expect(run.error?.message).toBe(`Not found (HTTP 404): no private note with UUID "${reply.uuid}" in this conversation (only private notes can be deleted, and only once)`);
	});

	it('before v2.5.0 the route does not exist: the error names the release', async () => {
		const old = await startLibreDeskSandbox({ seed: 7, conversations: 5, version: 'v2.4.0' });
		try {
			const conversation = old.state.conversations[0];
			const message = old.state.messagesOf(conversation)[0];
			const run = await runLibreDesk(credentialsOf(old), { resource: 'message', operation: 'delete', conversation: locator(conversation.uuid), messageUuid: message.uuid, ...FAST });
			expect(run.error?.message).toBe('This LibreDesk server does not offer this API route (HTTP 405)');
			expect(run.error?.description).toBe('It was added in LibreDesk v2.5.0; this server runs an older release. Update LibreDesk to use this operation.');
		} finally {
			await old.close();
		}
	});
});
