import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { compact, fieldSet, type Raw, text } from '../../../shared/validate';
import { reamazeList } from '../../transport';
import { ARTICLE_STATUS_OPTIONS, articleStatus } from './shared';

export interface ArticleFilters {
	query?: Raw;
	status?: Raw;
}

/** GET /articles query (reamaze-api.md §2.9: `q`, `status`, `page`, as the Go lib sends them). Pure. */
export function buildArticleQuery(filters: ArticleFilters): IDataObject {
	return compact({
		q: text(filters.query, 'Search')?.trim() || undefined,
		status: articleStatus(filters.status, 'Status'),
	});
}

export const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Search',
				name: 'query',
				type: 'string',
				default: '',
				placeholder: 'refund',
				description: 'Only articles matching this text',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: ARTICLE_STATUS_OPTIONS,
				default: 0,
				description: 'Only articles with this status',
			},
		],
	},
];

export const getManyArticles: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: ArticleFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		return await reamazeList(context, {
			path: ['articles'],
			qs: buildArticleQuery(filters),
			itemsKey: 'articles',
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
