import type { ResourceDefinition } from '../../../shared/operation';
import { getManyPriorities } from './getAll';

/** Conversation priorities: set by name (§5.5), referred to by ID in macros and filters (§9.5). */
export const priorityResource: ResourceDefinition = {
	value: 'priority',
	name: 'Priority',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['priority'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many priorities',
				description: 'List the conversation priorities (one request)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyPriorities },
};
