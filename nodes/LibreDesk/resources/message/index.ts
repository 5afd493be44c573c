import type { ResourceDefinition } from '../../../shared/operation';
import { deleteMessage } from './delete';
import { getMessage } from './get';
import { getManyMessages } from './getAll';
import { sendMessage } from './send';

export const messageResource: ResourceDefinition = {
	value: 'message',
	name: 'Message',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a private note',
				description: 'Delete a private note (LibreDesk v2.5.0+)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a message',
				description: 'Get one message of a conversation, optionally with its attachments',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many messages',
				description: 'List the messages of a conversation, newest first',
			},
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message',
				description: 'Send a reply or add a private note, with attachments',
			},
		],
		default: 'send',
	},
	operations: { delete: deleteMessage, get: getMessage, getAll: getManyMessages, send: sendMessage },
};
