import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { credentialsFor } from '../../../shared/credentials';
import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { simplifyField } from '../../../shared/parameters';
import { compact, describe, identifier, integer, type Raw, requiredText } from '../../../shared/validate';
import { conversationMode, conversationReadRequest, notFoundText, readConversationLocator } from '../../helpers/conversationLocator';
import { CHANNEL_TYPE_OPTIONS } from '../../helpers/fields';
import { channelLocatorValue } from '../../helpers/locator';
import { channelField, conversationLocatorField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { simplifyConversation } from '../../helpers/simplify';
import { reamazeRequest } from '../../transport';

export interface GetConversationInput {
	/** `conversation` (default: the Conversation locator) or `origin`. */
	lookupBy: Raw;
	/** The Conversation locator's value. */
	conversation?: Raw;
	/** The credential's brand, to check a conversation URL. */
	brand?: Raw;
	originId?: Raw;
	/** The Channel locator's value. */
	originChannel?: Raw;
	originChannelType?: Raw;
}

/** GET /conversations/{id} with the newer `id_type` lookups (reamaze-api.md §2.2, the get_conversation page). */
export function buildGetConversationRequest(input: GetConversationInput): { path: string[]; qs: IDataObject; notFound: string } {
	const lookupBy = input.lookupBy === undefined || input.lookupBy === '' ? 'conversation' : input.lookupBy;
	switch (lookupBy) {
		case 'conversation': {
			const conversation = readConversationLocator(input.conversation, input.brand);
			return { ...conversationReadRequest(conversation), notFound: notFoundText(conversation) };
		}
		case 'origin': {
			const originId = identifier(input.originId, 'Origin ID');
			return {
				path: ['conversations', originId],
				qs: compact({
					id_type: 'origin',
					// The API requires the channel for this lookup (§2.2).
					category: requiredText(channelLocatorValue(input.originChannel, 'Channel'), 'Channel').trim(),
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
				// Not "Conversation": the locator below is labelled so.
				name: 'Slug, URL or Ref',
				value: 'conversation',
				description: 'Pick the conversation from a list, or give its slug, address or reference number',
			},
			{
				name: 'Origin ID',
				value: 'origin',
				description: 'The ID the conversation has in its source channel (e.g. an email Message-ID)',
			},
		],
	},
	{ ...conversationLocatorField, displayOptions: { show: { lookupBy: ['conversation'] } } },
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
		name: 'originChannel',
		required: true,
		displayOptions: { show: { lookupBy: ['origin'] } },
		description: 'The channel the origin ID belongs to (the API requires it for this lookup)',
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
	simplifyField,
];

export const getConversation: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const lookupBy = context.getNodeParameter('lookupBy', itemIndex, 'conversation');
		const byOrigin = lookupBy === 'origin';
		const conversation = byOrigin ? undefined : context.getNodeParameter('conversation', itemIndex, '');
		const request = buildGetConversationRequest({
			lookupBy,
			conversation,
			brand: conversationMode(conversation) === 'url' ? (await credentialsFor(context, 'reamazeApi', itemIndex)).brand : undefined,
			originId: byOrigin ? context.getNodeParameter('originId', itemIndex, '') : undefined,
			originChannel: byOrigin ? context.getNodeParameter('originChannel', itemIndex, '') : undefined,
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
		const conversationRead = expectObject(context, response, itemIndex, 'a conversation');
		return context.getNodeParameter('simplify', itemIndex, true) === true ? simplifyConversation(conversationRead) : conversationRead;
	},
};
