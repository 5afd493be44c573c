import type { ResourceDefinition } from '../../../shared/operation';
import { createResponseTemplate } from './create';
import { getResponseTemplate } from './get';
import { getManyResponseTemplates } from './getAll';
import { updateResponseTemplate } from './update';

export const responseTemplateResource: ResourceDefinition = {
	value: 'responseTemplate',
	name: 'Response Template',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['responseTemplate'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a response template',
				description: 'Add a saved reply for the brand or for the user',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a response template',
				description: 'Get one response template by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many response templates',
				description: 'List response templates, optionally by keyword',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a response template',
				description: 'Change the name, body or personal flag of a response template',
			},
		],
		default: 'create',
	},
	operations: {
		create: createResponseTemplate,
		get: getResponseTemplate,
		getAll: getManyResponseTemplates,
		update: updateResponseTemplate,
	},
};
