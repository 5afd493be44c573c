import type { ResourceDefinition } from '../../../shared/operation';
import { getManyTeams } from './getAll';

export const teamResource: ResourceDefinition = {
	value: 'team',
	name: 'Team',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['team'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many teams',
				description: 'List every team with its ID, name and emoji (one request)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyTeams },
};
