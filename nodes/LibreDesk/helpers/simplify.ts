import type { IDataObject } from 'n8n-workflow';

import { compact } from '../../shared/validate';

function person(value: unknown): IDataObject | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { id, first_name, last_name, email } = value as IDataObject;
	return compact({ id, first_name, last_name, email });
}

/**
 * The fields a workflow usually needs from a conversation (§5.2) or a list item (§5.3, which lacks
 * inbox_id, tags and custom attributes: those stay absent rather than empty).
 */
export function simplifyConversation(conversation: IDataObject): IDataObject {
	return compact({
		uuid: conversation.uuid,
		reference_number: conversation.reference_number,
		subject: conversation.subject,
		status: conversation.status,
		priority: conversation.priority,
		inbox_id: conversation.inbox_id,
		inbox_name: conversation.inbox_name,
		inbox_channel: conversation.inbox_channel,
		contact: person(conversation.contact),
		assigned_user_id: conversation.assigned_user_id,
		assigned_team_id: conversation.assigned_team_id,
		tags: conversation.tags,
		custom_attributes: conversation.custom_attributes,
		last_message: conversation.last_message,
		last_message_at: conversation.last_message_at,
		last_message_sender: conversation.last_message_sender,
		waiting_since: conversation.waiting_since,
		snoozed_until: conversation.snoozed_until,
		unread_message_count: conversation.unread_message_count,
		created_at: conversation.created_at,
		updated_at: conversation.updated_at,
	});
}

/** The fields a workflow usually needs from a message (§6.2). */
export function simplifyMessage(message: IDataObject): IDataObject {
	const meta = (message.meta && typeof message.meta === 'object' ? message.meta : {}) as IDataObject;
	const author = (message.author && typeof message.author === 'object' ? message.author : {}) as IDataObject;
	return compact({
		uuid: message.uuid,
		conversation_uuid: message.conversation_uuid,
		type: message.type,
		status: message.status,
		private: message.private,
		sender_type: message.sender_type,
		author: person(author),
		text_content: message.text_content,
		content: message.content,
		to: meta.to,
		cc: meta.cc,
		bcc: meta.bcc,
		attachments: Array.isArray(message.attachments)
			? message.attachments
					.filter((attachment): attachment is IDataObject => !!attachment && typeof attachment === 'object')
					.map((attachment) => compact({ name: attachment.name, size: attachment.size, content_type: attachment.content_type, uuid: attachment.uuid }))
			: undefined,
		created_at: message.created_at,
	});
}
