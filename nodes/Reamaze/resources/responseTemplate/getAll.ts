import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { compact, fieldSet, type Raw, text } from '../../../shared/validate';
import { reamazeList } from '../../transport';

export interface ResponseTemplateFilters {
	query?: Raw;
}

/** GET /response_templates query (reamaze-api.md §2.10). Pure. */
export function buildResponseTemplateQuery(filters: ResponseTemplateFilters): IDataObject {
	return compact({ q: text(filters.query, 'Search')?.trim() || undefined });
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
				description: 'Only templates matching this keyword',
			},
		],
	},
];

export const getManyResponseTemplates: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: ResponseTemplateFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		// The answer is `{response_templates: [...]}` with no page counts (§4), so paging stops on a short or empty page.
		return await reamazeList(context, {
			path: ['response_templates'],
			qs: buildResponseTemplateQuery(filters),
			itemsKey: 'response_templates',
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
