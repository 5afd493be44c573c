import type { ResourceDefinition } from '../../../shared/operation';
import { createConversation } from './create';
import { getConversation } from './get';
import { getManyConversations } from './getAll';
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
				description: 'Open a conversation on behalf of a customer',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a conversation',
				description: 'Get one conversation by slug, reference ID or origin ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many conversations',
				description: 'List conversations with filters, page by page',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a conversation',
				description: 'Change status, tags, assignee, custom fields or channel',
			},
		],
		default: 'create',
	},
	operations: {
		create: createConversation,
		get: getConversation,
		getAll: getManyConversations,
		update: updateConversation,
	},
};
