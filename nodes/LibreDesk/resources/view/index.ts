import type { ResourceDefinition } from '../../../shared/operation';
import { getManyViews } from './getAll';

export const viewResource: ResourceDefinition = {
	value: 'view',
	name: 'View',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['view'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many views',
				description: 'List saved conversation views: the agent\'s own and those shared with them',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyViews },
};
