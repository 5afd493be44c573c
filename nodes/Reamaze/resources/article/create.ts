import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, identifier, type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { articleStatus, articleStatusField } from './shared';

export interface CreateArticleInput {
	topicSlug: Raw;
	title: Raw;
	body: Raw;
	additional: { status?: Raw };
}

/**
 * POST /topics/{topicSlug}/articles (reamaze-api.md §2.9). MindCloud maps the official page to this
 * topic-scoped path; the Go and Slates clients POST /articles with `topic_id` instead [UNCERTAIN].
 * The documented path wins. Pure: throws InputError on bad input.
 */
export function buildCreateArticleRequest(input: CreateArticleInput): { path: string[]; body: IDataObject } {
	const topic = identifier(input.topicSlug, 'Topic');
	return {
		path: ['topics', topic, 'articles'],
		body: {
			article: compact({
				title: requiredText(input.title, 'Title').trim(),
				body: requiredText(input.body, 'Body'),
				status: articleStatus(input.additional.status, 'Status'),
			}),
		},
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Topic',
		name: 'topicSlug',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'billing',
		description:
			'Slug of the help-center topic the article goes into (the "slug" of the article\'s "topic"). The node uses the documented endpoint POST /topics/{slug}/articles; some third-party clients post to /articles with a topic ID instead, so that part of the API is uncertain.',
	},
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Refund policy',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 6 },
		description: 'The article text',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [{ ...articleStatusField, description: 'Left out, Re:amaze applies its default' }],
	},
];

export const createArticle: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const request = buildCreateArticleRequest({
			topicSlug: context.getNodeParameter('topicSlug', itemIndex, ''),
			title: context.getNodeParameter('title', itemIndex, ''),
			body: context.getNodeParameter('body', itemIndex, ''),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			...request,
			itemIndex,
			notFound: `no topic with slug "${request.path[1]}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created article');
	},
};
