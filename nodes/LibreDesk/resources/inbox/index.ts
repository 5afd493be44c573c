import type { ResourceDefinition } from '../../../shared/operation';
import { getManyInboxes } from './getAll';

export const inboxResource: ResourceDefinition = {
	value: 'inbox',
	name: 'Inbox',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inbox'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many inboxes',
				description: 'List the email and live chat inboxes (one request)',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManyInboxes },
};
