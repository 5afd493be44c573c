import type { ResourceDefinition } from '../../../shared/operation';
import { getChannel } from './get';
import { getManyChannels } from './getAll';

/** Channels belong to the brand of the credential; the API calls a channel "category" elsewhere (§6.6). */
export const channelResource: ResourceDefinition = {
	value: 'channel',
	name: 'Channel',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['channel'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				action: 'Get a channel',
				description: 'Get one channel of the brand by slug',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many channels',
				description: 'List every channel of the brand (one request: the API does not page channels)',
			},
		],
		default: 'getAll',
	},
	operations: { get: getChannel, getAll: getManyChannels },
};
