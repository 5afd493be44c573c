import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const create = {
	resource: 'conversation',
	operation: 'create',
	inboxId: 1,
	contactEmail: '  Jane.Doe@Example.COM ',
	firstName: 'Jane',
	lastName: 'Doe',
	subject: 'Where is my order?',
	content: '<p>Hello {{ .Contact.FirstName }}</p>',
	initiator: 'agent',
	...FAST,
};

describe('Conversation → Create (§5.1, the public page of POST /api/v1/conversations)', () => {
	it('sends exactly the fields of the seed, as JSON, and returns the conversation', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), { ...create, additionalFields: { teamId: 2, agentId: 4 } });
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual(['POST /api/v1/conversations']);
		const [request] = sandbox.requests;
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${sandbox.adminKey}:${sandbox.adminSecret}`).toString('base64')}`);
		expect(request.body).toEqual({
			subject: 'Where is my order?',
			content: '<p>Hello {{ .Contact.FirstName }}</p>',
			inbox_id: 1,
			contact_email: 'jane.doe@example.com',
			first_name: 'Jane',
			last_name: 'Doe',
			initiator: 'agent',
			team_id: 2,
			agent_id: 4,
		});
		const conversation = run.items[0].json;
		expect(conversation.subject).toBe(`Where is my order? - #${conversation.reference_number as string}`);
		expect(conversation.assigned_team_id).toBe(2);
		expect(conversation.assigned_user_id).toBe(4);
		expect((conversation.contact as { email: string }).email).toBe('jane.doe@example.com');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends the v2.1.0 fields after checking the server\'s release once', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), {
			...create,
			additionalFields: {
				externalUserId: 'crm-42',
				customAttributes: { attribute: [{ key: 'order_id', value: 'ORD-1' }] },
				customAttributesJson: '{"seats": 5, "escalated": true}',
			},
		});
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)).toEqual(['GET /api/v1/settings/general', 'POST /api/v1/conversations']);
		expect(sandbox.requests[1].body).toMatchObject({ external_user_id: 'crm-42', custom_attributes: { order_id: 'ORD-1', seats: 5, escalated: true } });
		expect(run.items[0].json.custom_attributes).toEqual({ order_id: 'ORD-1', seats: 5, escalated: true });
	});

	it('checks required fields and the email before any request', async () => {
		for (const [override, message] of [
			// Expressions: the engine itself refuses a required field left empty in the editor.
			[{ inboxId: '={{ "" }}' }, 'Item 1: Inbox is required'],
			[{ contactEmail: 'Jane <jane@example.com>' }, 'Item 1: Contact Email "Jane <jane@example.com>" is not an email address'],
			[{ firstName: '={{ " " }}' }, 'Item 1: First Name is required'],
			[{ content: '={{ "" }}' }, 'Item 1: Content is required'],
			[{ initiator: 'bot' }, 'Item 1: Initiator "bot" is not a choice (use agent or contact)'],
			[{ additionalFields: { customAttributesJson: '{"a":' } }, 'Item 1: Custom Attributes (JSON) is not valid JSON'],
			[{ additionalFields: { binaryProperties: 'data' } }, 'This operation expects the node\'s input data to contain a binary file'],
		] as const) {
			sandbox.clearRequests();
			const run = await runLibreDesk(credentialsOf(sandbox), { ...create, ...override });
			expect(run.error?.constructor.name).toBe('NodeOperationError');
			expect(run.error?.message.startsWith(message)).toBe(true);
			expect(sandbox.requests).toEqual([]);
		}
	});

	it('shows LibreDesk\'s refusal of an unknown or disabled inbox (§5.1)', async () => {
		const unknown = await runLibreDesk(credentialsOf(sandbox), { ...create, inboxId: 999 });
		expect(unknown.error?.message).toBe('LibreDesk refused the request (HTTP 400): Inbox not found');
		const disabled = await runLibreDesk(credentialsOf(sandbox), { ...create, inboxId: 3 });
		// §5.1: the untranslated key comes back as the message.
		expect(disabled.error?.message).toBe('LibreDesk refused the request (HTTP 400): globals.messages.disabled');
	});

	it('names the missing permission for an agent key (default Agent role: no conversations:write)', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox, 'agent'), create);
		expect(run.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "conversations:write")');
		expect(run.error?.description).toContain('acts as the agent who owns the API key');
	});

	it('refuses v2.1.0 fields on an older server instead of letting it drop them', async () => {
		const old = await startLibreDeskSandbox({ seed: false, version: 'v1.0.3' });
		try {
			const run = await runLibreDesk(credentialsOf(old), { ...create, additionalFields: { externalUserId: 'crm-1' } });
			expect(run.error?.message).toBe('Item 1: External User ID needs LibreDesk v2.1.0 or later; this server runs v1.0.3 and would ignore it');
			expect(old.requests.map((request) => request.path)).toEqual(['/api/v1/settings/general']);
		} finally {
			await old.close();
		}
	});
});
