import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { flattenConversation, flattenMessage, shapeDelivery } from '../../../nodes/LibreDeskTrigger/payload';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../sandbox/libredesk/index.ts';

let sandbox: LibreDeskSandbox;
let conversation: Record<string, any>;
let message: Record<string, any>;

beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ conversations: 5 });
	// The objects exactly as the sandbox serialises them for API answers and webhook payloads (§5.2, §6.2).
	({ conversation, message } = sandbox.simulateIncoming({
		contactEmail: 'robin.payload@example.com',
		firstName: 'Robin',
		lastName: 'Payload',
		subject: 'Parcel <damaged> & late',
		content: 'The box arrived crushed.',
	}) as { conversation: Record<string, any>; message: Record<string, any> });
});

afterAll(async () => {
	await sandbox?.close();
});

const TS = '2026-08-08T07:16:38Z';

describe('output items (§12.4)', () => {
	it('conversation.created: the payload is the conversation, flattened', () => {
		const item = shapeDelivery('conversation.created', TS, conversation, false);
		expect(item).toMatchObject({
			event: 'conversation.created',
			timestamp: TS,
			conversation_uuid: conversation.uuid,
			conversation_id: conversation.id,
			reference_number: conversation.reference_number,
			subject: 'Parcel <damaged> & late',
			status: 'Open',
			inbox_id: conversation.inbox_id,
			inbox_name: conversation.inbox_name,
			assigned_user_id: null,
			assigned_team_id: null,
			tags: [],
			contact_id: conversation.contact.id,
			contact_email: 'robin.payload@example.com',
			contact_first_name: 'Robin',
			contact_last_name: 'Payload',
			contact_name: 'Robin Payload',
			last_message: conversation.last_message,
			last_message_sender: 'contact',
			custom_attributes: conversation.custom_attributes,
		});
		expect(Object.keys(item).slice(0, 3)).toEqual(['event', 'timestamp', 'conversation_uuid']);
		expect(item).not.toHaveProperty('raw');
		expect(item).not.toHaveProperty('contact');
		expect(Object.values(item).some((value) => typeof value === 'object' && value !== null && !Array.isArray(value) && value !== item.custom_attributes)).toBe(false);
	});

	it('keeps the raw payload under `raw` when asked', () => {
		const item = shapeDelivery('conversation.created', TS, conversation, true);
		expect(item.raw).toEqual(conversation);
	});

	it('conversation.status_changed: the change fields next to the flattened conversation', () => {
		const payload = { conversation_uuid: conversation.uuid, previous_status: 'Open', new_status: 'Resolved', snooze_until: '', actor_id: 2, conversation: { ...conversation, status: 'Resolved' } };
		const item = shapeDelivery('conversation.status_changed', TS, payload, false);
		expect(item).toMatchObject({ event: 'conversation.status_changed', conversation_uuid: conversation.uuid, previous_status: 'Open', new_status: 'Resolved', snooze_until: '', actor_id: 2, status: 'Resolved', subject: 'Parcel <damaged> & late' });
		expect(item).not.toHaveProperty('conversation');
	});

	it('conversation.tags_changed, .assigned, .unassigned keep their own fields', () => {
		expect(shapeDelivery('conversation.tags_changed', TS, { conversation_uuid: 'u', previous_tags: ['a'], new_tags: ['a', 'b'], actor_id: 3, conversation }, false)).toMatchObject({
			previous_tags: ['a'],
			new_tags: ['a', 'b'],
			actor_id: 3,
			conversation_uuid: 'u',
		});
		expect(shapeDelivery('conversation.assigned', TS, { conversation_uuid: conversation.uuid, assigned_to: 3, actor_id: 2, conversation }, false)).toMatchObject({ assigned_to: 3, actor_id: 2, reference_number: conversation.reference_number });
		expect(shapeDelivery('conversation.unassigned', TS, { conversation_uuid: conversation.uuid, actor_id: 2, conversation }, false)).toMatchObject({ actor_id: 2, contact_email: 'robin.payload@example.com' });
	});

	it('message.created / message.updated: the payload is the message, flattened', () => {
		const item = shapeDelivery('message.created', TS, message, false);
		expect(item).toEqual({
			event: 'message.created',
			timestamp: TS,
			message_uuid: message.uuid,
			message_id: message.id,
			conversation_uuid: conversation.uuid,
			conversation_id: conversation.id,
			type: 'incoming',
			status: 'received',
			private: false,
			content_type: message.content_type,
			content: message.content,
			text_content: message.text_content,
			sender_id: message.sender_id,
			sender_type: 'contact',
			author_name: 'Robin Payload',
			author_email: 'robin.payload@example.com',
			attachments: [],
			created_at: message.created_at,
			updated_at: message.updated_at,
		});
		expect(shapeDelivery('message.updated', TS, message, false)).toMatchObject({ event: 'message.updated', message_uuid: message.uuid });
	});

	it('reduces attachments to what a download needs', () => {
		const withFile = { ...message, attachments: [{ name: 'a.png', size: 12, content: null, content_id: '', content_type: 'image/png', disposition: 'attachment', uuid: 'm-1', url: 'http://x/uploads/m-1?sig=s&exp=1', thumbnail_url: '' }] };
		expect(flattenMessage(withFile).attachments).toEqual([{ name: 'a.png', content_type: 'image/png', size: 12, uuid: 'm-1', url: 'http://x/uploads/m-1?sig=s&exp=1' }]);
	});

	it('automation events (v2.7.0): {conversation, actor_id} under a custom name', () => {
		expect(shapeDelivery('vip.escalate', TS, { actor_id: 1, conversation }, false)).toMatchObject({ event: 'vip.escalate', actor_id: 1, conversation_uuid: conversation.uuid, status: 'Open' });
		// A custom name that looks like a message event still carries a conversation.
		expect(shapeDelivery('message.escalated', TS, { actor_id: 1, conversation }, false)).toMatchObject({ conversation_uuid: conversation.uuid });
	});

	it('webhook.test: the webhook id and name', () => {
		expect(shapeDelivery('webhook.test', TS, { id: 7, name: 'n8n' }, false)).toEqual({ event: 'webhook.test', timestamp: TS, webhook_id: 7, webhook_name: 'n8n' });
	});

	it('fields a server version does not send are null, not invented (§13: e.g. status_category before v2.6.0)', () => {
		const { status_category: _dropped, snoozed_until: _also, ...older } = conversation;
		const flat = flattenConversation(older);
		expect(flat.status_category).toBeNull();
		expect(flat.snoozed_until).toBeNull();
		expect(Object.keys(flat)).toEqual(Object.keys(flattenConversation(conversation)));
	});

	it('unknown shapes pass through; event and timestamp cannot be overwritten', () => {
		expect(shapeDelivery('custom.thing', TS, { event: 'forged', timestamp: 'x', a: 1 }, false)).toEqual({ event: 'custom.thing', timestamp: TS, a: 1 });
		expect(shapeDelivery('custom.thing', undefined, 'text', true)).toEqual({ event: 'custom.thing', timestamp: null, payload: 'text', raw: 'text' });
	});
});
