import type { ResourceDefinition } from '../../../shared/operation';
import { applyMacro } from './apply';
import { getManyMacros } from './getAll';

export const macroResource: ResourceDefinition = {
	value: 'macro',
	name: 'Macro',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['macro'] } },
		options: [
			{
				name: 'Apply',
				value: 'apply',
				action: 'Apply a macro to a conversation',
				description: 'Apply a macro\'s team, agent, status, priority and tag actions to a conversation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many macros',
				description: 'List every macro with its actions (one request)',
			},
		],
		default: 'apply',
	},
	operations: { apply: applyMacro, getAll: getManyMacros },
};
