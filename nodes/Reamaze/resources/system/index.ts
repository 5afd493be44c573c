import type { ResourceDefinition } from '../../../shared/operation';
import { getManySystems } from './getAll';

export const systemResource: ResourceDefinition = {
	value: 'system',
	name: 'System',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['system'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many systems',
				description: 'List the systems of the status page, with their current status',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManySystems },
};
