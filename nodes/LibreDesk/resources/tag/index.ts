import type { ResourceDefinition } from '../../../shared/operation';
import { getManyTags } from './getAll';

/** Tags are set on conversations by name (§5.7); macros and filters use their IDs (§3, §9.8). */
export const tagResource: ResourceDefinition = {
	value: 'tag',
	name: 'Tag',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many tags',
				description: 'List every tag, sorted by name (one request: LibreDesk does not page tags)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyTags },
};
