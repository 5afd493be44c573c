import type { ResourceDefinition } from '../../../shared/operation';
import { getManyAgents } from './getAll';
import { getMe } from './getMe';

export const agentResource: ResourceDefinition = {
	value: 'agent',
	name: 'Agent',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many agents',
				description: 'List agents (and AI assistants) with ID, name, email and availability (one request)',
			},
			{
				name: 'Get Me',
				value: 'getMe',
				action: 'Get the agent of the API key',
				description: 'Get the agent the API key acts as, with its roles, permissions and teams',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyAgents, getMe },
};
