import type { IDataObject } from 'n8n-workflow';

import { STATUS_OPTIONS } from './fields';

/** The status name a workflow can show or branch on; unknown future values keep only their number. */
export function statusName(status: unknown): string | undefined {
	const option = STATUS_OPTIONS.find((entry) => entry.value === status);
	return option ? option.name.replace(/^\d+ · /, '') : undefined;
}

function person(value: unknown): IDataObject | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { name, email } = value as IDataObject;
	return { name, email };
}

/** The fields a workflow usually needs from a conversation (Get Many items and Get alike), with the status's name. */
export function simplifyConversation(conversation: IDataObject): IDataObject {
	const category = (conversation.category ?? {}) as IDataObject;
	const lastCustomer = (conversation.last_customer_message ?? {}) as IDataObject;
	return {
		slug: conversation.slug,
		ref_id: conversation.ref_id,
		subject: conversation.subject,
		status: conversation.status,
		status_name: statusName(conversation.status),
		tag_list: conversation.tag_list,
		channel: category.slug,
		author: person(conversation.author),
		assignee: person(conversation.assignee) ?? null,
		data: conversation.data,
		message_count: conversation.message_count,
		last_customer_message: lastCustomer.body,
		last_customer_message_at: lastCustomer.created_at,
		created_at: conversation.created_at,
		updated_at: conversation.updated_at,
		perma_url: conversation.perma_url,
	};
}

/** The fields a workflow usually needs from a message. */
export function simplifyMessage(message: IDataObject): IDataObject {
	const user = (message.user ?? {}) as IDataObject;
	const conversation = (message.conversation ?? {}) as IDataObject;
	return {
		body: message.body,
		visibility: message.visibility,
		is_internal_note: message.visibility === 1,
		from_staff: user['staff?'] === true,
		user: person(user),
		origin_id: message.origin_id,
		conversation_slug: conversation.slug,
		conversation_subject: conversation.subject,
		attachments: Array.isArray(message.attachments)
			? message.attachments.map((attachment) => (attachment as IDataObject)?.url)
			: undefined,
		created_at: message.created_at,
	};
}
