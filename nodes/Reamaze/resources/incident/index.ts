import type { ResourceDefinition } from '../../../shared/operation';
import { createIncident } from './create';
import { getIncident } from './get';
import { getManyIncidents } from './getAll';
import { updateIncident } from './update';

export const incidentResource: ResourceDefinition = {
	value: 'incident',
	name: 'Incident',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['incident'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an incident',
				description: 'Open a status-page incident with its first update',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an incident',
				description: 'Get one status-page incident by ID',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many incidents',
				description: 'List status-page incidents',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an incident',
				description: 'Post a status update, rename an incident or change affected systems',
			},
		],
		default: 'create',
	},
	operations: {
		create: createIncident,
		get: getIncident,
		getAll: getManyIncidents,
		update: updateIncident,
	},
};
