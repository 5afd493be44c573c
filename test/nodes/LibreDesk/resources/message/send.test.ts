import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const send = (uuid: string, parameters: Record<string, unknown>) =>
	({ resource: 'message', operation: 'send', conversation: { __rl: true, mode: 'uuid', value: uuid }, ...FAST, ...parameters });

/** An open conversation of the Support email inbox with a contact email. */
function emailConversation() {
	const conversation = sandbox.state.conversations.find((c) => c.inboxId === 1)!;
	const contact = sandbox.state.users.find((user) => user.id === conversation.contactId)!;
	return { conversation, email: contact.email as string };
}

describe('Message → Send (§6.3)', () => {
	it('a reply goes to the conversation\'s contact by default (read from the conversation)', async () => {
		const { conversation, email } = emailConversation();
		const run = await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, { messageType: 'reply', content: '<p>Hi {{ .Contact.FirstName }}</p>', additionalFields: { cc: 'Boss@Example.com', bcc: 'audit@example.com' } }));
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`GET /api/v1/conversations/${conversation.uuid}`, `POST /api/v1/conversations/${conversation.uuid}/messages`]);
		expect(sandbox.requests[1].headers['content-type']).toBe('application/json');
		expect(sandbox.requests[1].body).toEqual({
			sender_type: 'agent',
			message: '<p>Hi {{ .Contact.FirstName }}</p>',
			private: false,
			to: [email],
			cc: ['Boss@Example.com'],
			bcc: ['audit@example.com'],
		});
		expect(run.items[0].json).toMatchObject({ type: 'outgoing', private: false, conversation_uuid: conversation.uuid });
		expect((run.items[0].json.meta as { to: string[] }).to).toEqual([email]);
	});

	it('a given To is used as is, without reading the conversation', async () => {
		const { conversation } = emailConversation();
		await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, { content: 'Hello', additionalFields: { to: 'Other@Example.com, second@example.com' } }));
		expect(trail(sandbox)).toEqual([`POST /api/v1/conversations/${conversation.uuid}/messages`]);
		expect(sandbox.requests[0].body).toMatchObject({ to: ['other@example.com', 'second@example.com'] });
	});

	it('a private note with mentions of agents and teams', async () => {
		const { conversation } = emailConversation();
		const run = await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, { messageType: 'note', content: 'Look', additionalFields: { mentionAgents: [3, 4], mentionTeams: [2] } }));
		expect(run.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({
			sender_type: 'agent',
			message: 'Look',
			private: true,
			mentions: [
				{ type: 'agent', id: 3 },
				{ type: 'agent', id: 4 },
				{ type: 'team', id: 2 },
			],
		});
		expect(run.items[0].json).toMatchObject({ private: true, status: 'sent' });
	});

	it('as the contact, with a key that has messages:write_as_contact', async () => {
		const { conversation } = emailConversation();
		const run = await runLibreDesk(credentialsOf(sandbox, 'integration'), send(conversation.uuid, { content: 'From the customer', additionalFields: { sendAs: 'contact' } }));
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual([`POST /api/v1/conversations/${conversation.uuid}/messages`]);
		expect(sandbox.requests[0].body).toEqual({ sender_type: 'contact', message: 'From the customer', private: false });
		expect(run.items[0].json).toMatchObject({ type: 'incoming', sender_type: 'contact' });
		const denied = await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, { content: 'x', additionalFields: { sendAs: 'contact' } }));
		expect(denied.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "messages:write_as_contact")');
	});

	it('what LibreDesk would ignore or refuse is refused before any request', async () => {
		const { conversation } = emailConversation();
		for (const [parameters, message] of [
			[{ messageType: 'note', content: 'x', additionalFields: { cc: 'a@example.com' } }, 'Item 1: CC is only for replies: a private note is not emailed'],
			[{ messageType: 'reply', content: 'x', additionalFields: { mentionAgents: [3] } }, 'Item 1: Mention Agents works only in private notes'],
			[{ messageType: 'note', content: 'x', additionalFields: { sendAs: 'contact' } }, 'Item 1: Send As Contact cannot write a private note'],
			[{ content: '' }, 'Item 1: Content is required (or attach a file)'],
			[{ content: 'x', additionalFields: { to: 'Jane <jane@example.com>' } }, 'Item 1: To "Jane <jane@example.com>" is not an email address'],
			[{ content: 'x', additionalFields: { mediaIds: 'abc' } }, 'Item 1: Attachment Media IDs "abc" is not a media ID (a whole number)'],
		] as const) {
			const run = await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, parameters));
			expect(run.error?.message).toBe(message);
		}
		expect(sandbox.requests).toEqual([]);
	});

	it('never resends after the connection dropped once the message may exist (drop after processing)', async () => {
		const { conversation } = emailConversation();
		const before = sandbox.state.messagesOf(conversation).length;
		sandbox.setFaults({ dropAfterProcessRate: 1, methods: ['POST'], seed: 1 });
		try {
			const run = await runLibreDesk(credentialsOf(sandbox), send(conversation.uuid, { messageType: 'note', content: 'Once', requestOptions: { backoffBaseMs: 1, maxRetryWaitSeconds: 5 } }));
			expect(run.error?.message).toBe('The connection to LibreDesk was lost; the request may have been processed');
			expect(run.error?.description).toContain('The node did not send it again, because a second copy could create a duplicate');
		} finally {
			sandbox.setFaults(undefined);
		}
		expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		expect(sandbox.state.messagesOf(conversation).length).toBe(before + 1);
	});
});
