import type { IDataObject } from 'n8n-workflow';

import { TEST_EVENT } from './events';

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Value = IDataObject[string];

/** A field as sent, or null when this server version does not send it (§13): items keep one shape across versions. */
const field = (source: IDataObject, key: string): Value => (source[key] === undefined ? null : source[key]);

function fullName(first: unknown, last: unknown): string | null {
	const name = [first, last].filter((part) => typeof part === 'string' && part.trim() !== '').join(' ').trim();
	return name === '' ? null : name;
}

/**
 * The conversation object (§5.2) reduced to what workflows map: one level deep, the contact's name and
 * email lifted up. Everything else stays available under `raw` (option).
 */
export function flattenConversation(conversation: IDataObject): IDataObject {
	const contact = isObject(conversation.contact) ? conversation.contact : {};
	const pick = (key: string) => field(conversation, key);
	return {
		conversation_uuid: pick('uuid'),
		conversation_id: pick('id'),
		reference_number: pick('reference_number'),
		subject: pick('subject'),
		status: pick('status'),
		status_category: pick('status_category'),
		priority: pick('priority'),
		inbox_id: pick('inbox_id'),
		inbox_name: pick('inbox_name'),
		inbox_channel: pick('inbox_channel'),
		inbox_mail: pick('inbox_mail'),
		assigned_user_id: pick('assigned_user_id'),
		assigned_team_id: pick('assigned_team_id'),
		tags: pick('tags'),
		contact_id: conversation.contact_id ?? contact.id ?? null,
		contact_email: field(contact, 'email'),
		contact_first_name: field(contact, 'first_name'),
		contact_last_name: field(contact, 'last_name'),
		contact_name: fullName(contact.first_name, contact.last_name),
		last_message: pick('last_message'),
		last_message_at: pick('last_message_at'),
		last_message_sender: pick('last_message_sender'),
		waiting_since: pick('waiting_since'),
		snoozed_until: pick('snoozed_until'),
		first_response_deadline_at: pick('first_response_deadline_at'),
		next_response_deadline_at: pick('next_response_deadline_at'),
		resolution_deadline_at: pick('resolution_deadline_at'),
		created_at: pick('created_at'),
		updated_at: pick('updated_at'),
		resolved_at: pick('resolved_at'),
		closed_at: pick('closed_at'),
		custom_attributes: pick('custom_attributes'),
	};
}

/** The message object (§6.2), with the author's name and email lifted up and attachments reduced to what a download needs. */
export function flattenMessage(message: IDataObject): IDataObject {
	const author = isObject(message.author) ? message.author : {};
	const pick = (key: string) => field(message, key);
	const attachments = Array.isArray(message.attachments)
		? message.attachments.filter(isObject).map((attachment) => ({
				name: field(attachment, 'name'),
				content_type: field(attachment, 'content_type'),
				size: field(attachment, 'size'),
				uuid: field(attachment, 'uuid'),
				// Signed and expiring (§7): download it early in the workflow.
				url: field(attachment, 'url'),
			}))
		: null;
	return {
		message_uuid: pick('uuid'),
		message_id: pick('id'),
		conversation_uuid: pick('conversation_uuid'),
		conversation_id: pick('conversation_id'),
		type: pick('type'),
		status: pick('status'),
		private: pick('private'),
		content_type: pick('content_type'),
		content: pick('content'),
		text_content: pick('text_content'),
		sender_id: pick('sender_id'),
		sender_type: pick('sender_type'),
		author_name: fullName(author.first_name, author.last_name),
		author_email: field(author, 'email'),
		attachments,
		created_at: pick('created_at'),
		updated_at: pick('updated_at'),
	};
}

/** The conversation a delivery carries, if any (§12.4): `conversation.created` is the conversation; others nest it. */
export function conversationOf(event: string, payload: unknown): IDataObject | undefined {
	if (!isObject(payload)) return undefined;
	if (event === 'conversation.created') return payload;
	return isObject(payload.conversation) ? payload.conversation : undefined;
}

const MESSAGE_EVENTS = new Set(['message.created', 'message.updated']);

/**
 * One output item per delivery: `event` and `timestamp`, then the payload per §12.4 — a conversation
 * flattened, a message flattened, or the change fields (`previous_status`, `new_tags`, `assigned_to`,
 * `actor_id`, …) next to the flattened conversation they come with. Automation events (v2.7.0) carry
 * `{conversation, actor_id}` under their own names and take the same shape.
 */
export function shapeDelivery(event: string, timestamp: unknown, payload: unknown, includeRaw: boolean): IDataObject {
	let body: IDataObject;
	if (event === TEST_EVENT && isObject(payload)) {
		body = { webhook_id: field(payload, 'id'), webhook_name: field(payload, 'name') };
	} else if (MESSAGE_EVENTS.has(event) && isObject(payload)) {
		body = flattenMessage(payload);
	} else {
		const conversation = conversationOf(event, payload);
		if (conversation && isObject(payload)) {
			const changes: IDataObject = {};
			if (conversation !== payload) {
				for (const [key, value] of Object.entries(payload)) if (key !== 'conversation') changes[key] = value;
			}
			body = { ...flattenConversation(conversation), ...changes };
		} else {
			body = isObject(payload) ? { ...payload } : { payload: payload === undefined ? null : (payload as IDataObject) };
		}
	}
	const item: IDataObject = { event, timestamp: null, ...body };
	// Set after the spread: a payload of unknown shape cannot overwrite them (the keys keep their first position).
	item.event = event;
	item.timestamp = typeof timestamp === 'string' ? timestamp : null;
	if (includeRaw) item.raw = payload === undefined ? null : (payload as IDataObject);
	return item;
}
