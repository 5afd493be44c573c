import type { ResourceDefinition } from '../../../shared/operation';
import { getManyStatuses } from './getAll';

/** Conversation statuses: set by name (§5.4), referred to by ID in macros and filters (§9.5). */
export const statusResource: ResourceDefinition = {
	value: 'status',
	name: 'Status',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['status'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many statuses',
				description: 'List the conversation statuses with their category (one request)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyStatuses },
};
