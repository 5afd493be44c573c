import type { ResourceDefinition } from '../../../shared/operation';
import { createMessage } from './create';
import { getManyMessages } from './getAll';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a message',
				description: 'Post a reply or an internal note to a conversation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'List the messages of the brand or of one conversation, with filters, page by page',
			},
		],
		default: 'create',
	},
	operations: { create: createMessage, getAll: getManyMessages },
};
