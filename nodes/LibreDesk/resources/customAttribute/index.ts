import type { ResourceDefinition } from '../../../shared/operation';
import { getManyCustomAttributes } from './getAll';

export const customAttributeResource: ResourceDefinition = {
	value: 'customAttribute',
	name: 'Custom Attribute',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customAttribute'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many custom attributes',
				description: 'List the custom attributes defined for contacts and conversations (one request)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyCustomAttributes },
};
