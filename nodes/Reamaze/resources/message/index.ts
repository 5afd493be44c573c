import type { ResourceDefinition } from '../../shared/operation';
import { createMessage } from './create';

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
		],
		default: 'create',
	},
	operations: { create: createMessage },
};
