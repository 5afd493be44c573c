import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { articleSlug, articleSlugField } from './shared';

export const properties: INodeProperties[] = [articleSlugField];

/** GET /articles/{slug} (reamaze-api.md §2.9): the bare article. */
export const getArticle: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const slug = articleSlug(context.getNodeParameter('articleSlug', itemIndex, ''));
		const response = await reamazeRequest(context, {
			method: 'GET',
			path: ['articles', slug],
			itemIndex,
			notFound: `no article with slug "${slug}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'an article');
	},
};
