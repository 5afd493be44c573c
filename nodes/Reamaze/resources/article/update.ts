import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requireChanges, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { articleSlug, articleSlugField, articleStatus, articleStatusField } from './shared';

export interface UpdateArticleInput {
	title?: Raw;
	body?: Raw;
	status?: Raw;
}

/** PUT /articles/{slug} body `{article: {...}}` (reamaze-api.md §2.9). Pure: throws InputError on bad input. */
export function buildUpdateArticleBody(input: UpdateArticleInput): IDataObject {
	const article = compact({
		title: text(input.title, 'Title')?.trim() || undefined,
		body: text(input.body, 'Body'),
		status: articleStatus(input.status, 'Status'),
	});
	requireChanges(article);
	return { article };
}

export const properties: INodeProperties[] = [
	articleSlugField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				default: '',
				typeOptions: { rows: 6 },
				description: 'The new article text',
			},
			articleStatusField,
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
			},
		],
	},
];

export const updateArticle: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['articleSlug']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const slug = articleSlug(itemParameter(context, 'articleSlug', itemIndex));
		const body = buildUpdateArticleBody(fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields'));
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path: ['articles', slug],
			body,
			itemIndex,
			notFound: `no article with slug "${slug}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the updated article');
	},
};
