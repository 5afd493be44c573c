import type { ResourceDefinition } from '../../../shared/operation';
import { createStaff } from './create';
import { getManyStaff } from './getAll';

export const staffResource: ResourceDefinition = {
	value: 'staff',
	name: 'Staff',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['staff'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a staff user',
				description: 'Add a staff user. May raise the monthly bill; no invite email is sent.',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many staff users',
				description: 'List the staff users of the account, page by page',
			},
		],
		default: 'getAll',
	},
	operations: { create: createStaff, getAll: getManyStaff },
};
