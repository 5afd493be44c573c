import type { ResourceDefinition } from '../../../shared/operation';
import { createArticle } from './create';
import { getArticle } from './get';
import { getManyArticles } from './getAll';
import { updateArticle } from './update';

export const articleResource: ResourceDefinition = {
	value: 'article',
	name: 'Article',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['article'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create an article',
				description: 'Write a help-center (FAQ) article in a topic',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an article',
				description: 'Get one help-center article by slug',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many articles',
				description: 'List help-center articles, by keyword or status',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update an article',
				description: 'Change the title, body or status of an article',
			},
		],
		default: 'create',
	},
	operations: {
		create: createArticle,
		get: getArticle,
		getAll: getManyArticles,
		update: updateArticle,
	},
};
