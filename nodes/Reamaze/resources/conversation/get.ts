import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import { CHANNEL_TYPE_OPTIONS } from '../../shared/fields';
import type { Operation } from '../../shared/operation';
import { readOptions } from '../../shared/parameters';
import {
	compact,
	describe,
	identifier,
	integer,
	requiredText,
	type Raw,
} from '../../shared/payload';
import { expectObject } from '../../shared/response';
import { reamazeRequest } from '../../shared/transport';

export interface GetConversationInput {
	lookupBy: Raw;
	id: Raw;
	originChannelSlug?: Raw;
	originChannelType?: Raw;
}

/** GET /conversations/{id} with the newer `id_type` lookups (reamaze-api.md §2.2, seed 003). */
export function buildGetConversationRequest(input: GetConversationInput): { path: string[]; qs: IDataObject } {
	const lookupBy = input.lookupBy === undefined || input.lookupBy === '' ? 'slug' : input.lookupBy;
	switch (lookupBy) {
		case 'slug':
			return { path: ['conversations', identifier(input.id, 'Conversation Slug')], qs: {} };
		case 'ref':
			return { path: ['conversations', identifier(input.id, 'Reference ID')], qs: { id_type: 'ref' } };
		case 'origin':
			return {
				path: ['conversations', identifier(input.id, 'Origin ID')],
				qs: compact({
					id_type: 'origin',
					category: requiredText(input.originChannelSlug, 'Channel').trim(),
					channel: integer(input.originChannelType, 'Channel Type'),
				}),
			};
		default:
			throw new InputError('Look Up By', `unknown choice ${describe(lookupBy)}`);
	}
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'slug',
		options: [
			{ name: 'Slug', value: 'slug', description: 'The conversation slug (falls back to the database ID)' },
			{ name: 'Reference ID', value: 'ref', description: 'The conversation\'s reference number (ref_id)' },
			{
				name: 'Origin ID',
				value: 'origin',
				description: 'The ID the conversation has in its source channel (e.g. an email Message-ID)',
			},
		],
	},
	{
		displayName: 'Conversation Slug',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'where-is-my-order',
		displayOptions: { show: { lookupBy: ['slug'] } },
		description: 'The last part of the conversation\'s URL, or its database ID',
	},
	{
		displayName: 'Reference ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { lookupBy: ['ref'] } },
	},
	{
		displayName: 'Origin ID',
		name: 'conversationId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { lookupBy: ['origin'] } },
	},
	{
		displayName: 'Channel',
		name: 'originChannelSlug',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'support',
		displayOptions: { show: { lookupBy: ['origin'] } },
		description: 'Slug of the channel the origin ID belongs to (required by the API for this lookup)',
	},
	{
		displayName: 'Channel Type',
		name: 'originChannelType',
		type: 'options',
		options: CHANNEL_TYPE_OPTIONS,
		default: '',
		displayOptions: { show: { lookupBy: ['origin'] } },
		description: 'Optionally narrow the origin lookup to one channel type',
	},
];

export const getConversation: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const lookupBy = context.getNodeParameter('lookupBy', itemIndex, 'slug');
		const request = buildGetConversationRequest({
			lookupBy,
			id: context.getNodeParameter('conversationId', itemIndex, ''),
			originChannelSlug: lookupBy === 'origin' ? context.getNodeParameter('originChannelSlug', itemIndex, '') : undefined,
			originChannelType: lookupBy === 'origin' ? context.getNodeParameter('originChannelType', itemIndex, '') : undefined,
		});
		const response = await reamazeRequest(context, {
			method: 'GET',
			...request,
			itemIndex,
			notFound: `no conversation matches ${String(request.path[1])}`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'a conversation');
	},
};
