import type { ResourceDefinition } from '../../../shared/operation';
import { createConversation } from './create';
import { getConversation } from './get';
import { getManyConversations } from './getAll';
import { markConversationRead } from './markRead';
import { markConversationUnread } from './markUnread';
import { updateConversation } from './update';

export const conversationResource: ResourceDefinition = {
	value: 'conversation',
	name: 'Conversation',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['conversation'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a conversation',
				description: 'Start a conversation with a contact in an email inbox',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description: 'Get one conversation by UUID, reference number or URL',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List conversations of a list or view, with filters, page by page',
			},
			{
				name: 'Mark Read',
				value: 'markRead',
				action: 'Mark a conversation as read',
				description: 'Mark the conversation as read for the API key\'s agent',
			},
			{
				name: 'Mark Unread',
				value: 'markUnread',
				action: 'Mark a conversation as unread',
				description: 'Mark the last message as unread for the API key\'s agent',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a conversation',
				description: 'Change assignment, status, priority, tags or custom attributes',
			},
		],
		default: 'create',
	},
	operations: {
		create: createConversation,
		get: getConversation,
		getAll: getManyConversations,
		markRead: markConversationRead,
		markUnread: markConversationUnread,
		update: updateConversation,
	},
};
