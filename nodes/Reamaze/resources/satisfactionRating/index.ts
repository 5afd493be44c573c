import type { ResourceDefinition } from '../../../shared/operation';
import { getManySatisfactionRatings } from './getAll';

export const satisfactionRatingResource: ResourceDefinition = {
	value: 'satisfactionRating',
	name: 'Satisfaction Rating',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['satisfactionRating'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many satisfaction ratings',
				description: 'List customer satisfaction ratings, by score, assignee or time',
			},
		],
		default: 'getAll',
	},
	operations: { getAll: getManySatisfactionRatings },
};
