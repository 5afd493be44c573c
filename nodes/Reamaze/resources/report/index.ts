import type { ResourceDefinition } from '../../../shared/operation';
import { reportOperation } from './report';

export const reportResource: ResourceDefinition = {
	value: 'report',
	name: 'Report',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['report'] } },
		options: [
			{
				name: 'Get Channel Summary',
				value: 'channelSummary',
				action: 'Get the channel summary report',
				description: 'Responses, conversations, response time and satisfaction per channel',
			},
			{
				name: 'Get Response Time',
				value: 'responseTime',
				action: 'Get the response time report',
				description: 'Daily response time in seconds, with averages, trends and ratios',
			},
			{
				name: 'Get Staff Report',
				value: 'staff',
				action: 'Get the staff report',
				description: 'Responses, resolved and archived counts, satisfaction and response time per staff member',
			},
			{
				name: 'Get Tags Report',
				value: 'tags',
				action: 'Get the tags report',
				description: 'Usage count of each tag',
			},
			{
				name: 'Get Volume',
				value: 'volume',
				action: 'Get the volume report',
				description: 'Conversation count per day',
			},
		],
		default: 'volume',
	},
	operations: {
		channelSummary: reportOperation('channelSummary'),
		responseTime: reportOperation('responseTime'),
		staff: reportOperation('staff'),
		tags: reportOperation('tags'),
		volume: reportOperation('volume'),
	},
};
