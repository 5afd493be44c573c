import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, describe, identifier, integer, type Raw, requiredText } from '../../../shared/validate';
import {
	conversationReadRequest,
	locatorParts,
	notFoundText,
	readConversationLocator,
} from '../../helpers/conversationLocator';
import { CHANNEL_TYPE_OPTIONS } from '../../helpers/fields';
import { channelField, conversationLocatorField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

export interface GetConversationInput {
	/** `conversation` (default) or `origin`; `slug` and `ref` are the choices older versions saved. */
	lookupBy: Raw;
	/** The Conversation locator, or a plain slug / reference ID from an older version. */
	conversation?: Raw;
	/** The credential's brand, to check a conversation URL. */
	brand?: Raw;
	originId?: Raw;
	originChannelSlug?: Raw;
	originChannelType?: Raw;
}

/** GET /conversations/{id} with the newer `id_type` lookups (reamaze-api.md §2.2, seed 003). */
export function buildGetConversationRequest(input: GetConversationInput): { path: string[]; qs: IDataObject; notFound: string } {
	const lookupBy = input.lookupBy === undefined || input.lookupBy === '' ? 'conversation' : input.lookupBy;
	switch (lookupBy) {
		case 'conversation':
		case 'slug':
		case 'ref': {
			const conversation = readConversationLocator(input.conversation, input.brand, lookupBy === 'ref' ? 'ref' : 'slug');
			return { ...conversationReadRequest(conversation), notFound: notFoundText(conversation) };
		}
		case 'origin': {
			const originId = identifier(input.originId, 'Origin ID');
			return {
				path: ['conversations', originId],
				qs: compact({
					id_type: 'origin',
					// The API requires the channel for this lookup (§2.2).
					category: requiredText(input.originChannelSlug, 'Channel').trim(),
					channel: integer(input.originChannelType, 'Channel Type'),
				}),
				notFound: `no conversation with origin ID "${originId}" in that channel`,
			};
		}
		default:
			throw new InputError('Look Up By', `unknown choice ${describe(lookupBy)}`);
	}
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Look Up By',
		name: 'lookupBy',
		type: 'options',
		default: 'conversation',
		options: [
			{
				name: 'Conversation',
				value: 'conversation',
				description: 'Pick it from the list, or give its slug, URL or reference ID',
			},
			{
				name: 'Origin ID',
				value: 'origin',
				description: 'The ID the conversation has in its source channel (e.g. an email Message-ID)',
			},
		],
	},
	{
		...conversationLocatorField,
		// `conversationId` held the slug or reference ID before the locator; `slug`/`ref` are the
		// Look Up By values of that version, still shown so such workflows keep their value.
		name: 'conversationId',
		displayOptions: { show: { lookupBy: ['conversation', 'slug', 'ref'] } },
	},
	{
		displayName: 'Origin ID',
		name: 'originId',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show: { lookupBy: ['origin'] } },
	},
	{
		...channelField,
		name: 'originChannelSlug',
		required: true,
		displayOptions: { show: { lookupBy: ['origin'] } },
		description:
			'The channel the origin ID belongs to (the API requires it for this lookup). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
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
		const lookupBy = context.getNodeParameter('lookupBy', itemIndex, 'conversation');
		const byOrigin = lookupBy === 'origin';
		const conversation = byOrigin ? undefined : context.getNodeParameter('conversationId', itemIndex, '');
		const request = buildGetConversationRequest({
			lookupBy,
			conversation,
			brand: locatorParts(conversation).mode === 'url' ? (await context.getCredentials('reamazeApi', itemIndex)).brand : undefined,
			originId: byOrigin ? context.getNodeParameter('originId', itemIndex, '') : undefined,
			originChannelSlug: byOrigin ? context.getNodeParameter('originChannelSlug', itemIndex, '') : undefined,
			originChannelType: byOrigin ? context.getNodeParameter('originChannelType', itemIndex, '') : undefined,
		});
		const response = await reamazeRequest(context, {
			method: 'GET',
			path: request.path,
			qs: request.qs,
			itemIndex,
			notFound: request.notFound,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'a conversation');
	},
};
