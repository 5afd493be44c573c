import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields, simplifyField } from '../../../shared/parameters';
import { boolean, compact, dateTime, describe, email, fieldSet, identifier, integer, list, type Raw, text } from '../../../shared/validate';
import { conversationParameter, fetchConversation, notFoundText, slugOf } from '../../helpers/conversationLocator';
import { channelLocatorValue } from '../../helpers/locator';
import { channelField, conversationLocatorField } from '../../helpers/pickers';
import { simplifyMessage } from '../../helpers/simplify';
import { reamazeList } from '../../transport';

export interface MessageFilters {
	filter?: Raw;
	tags?: Raw;
	origin?: Raw;
	sentBy?: Raw;
	/** The Channel locator's value. */
	channel?: Raw;
	startDate?: Raw;
	endDate?: Raw;
}

export type MessageScope = 'all' | 'conversation';

export function messageScope(value: Raw): MessageScope {
	if (value === undefined || value === '' || value === 'all') return 'all';
	if (value === 'conversation') return value;
	throw new InputError('Scope', `unknown choice ${describe(value)} (use all or conversation)`);
}

/** `/messages` for the whole brand, `/conversations/{slug}/messages` for one conversation (§2.5). */
export function buildMessagesPath(scope: Raw, conversationSlug: Raw): string[] {
	return messageScope(scope) === 'all'
		? ['messages']
		: ['conversations', identifier(conversationSlug, 'Conversation Slug'), 'messages'];
}

/** GET messages query (reamaze-api.md §2.5, get_messages). Pure. */
export function buildMessageQuery(filters: MessageFilters, includeOriginalBody: Raw): IDataObject {
	const filter = filters.filter === undefined || filters.filter === '' ? undefined : filters.filter;
	if (filter !== undefined && filter !== 'staff' && filter !== 'customer') {
		throw new InputError('From', `unknown choice ${describe(filter)} (use staff or customer)`);
	}
	return compact({
		filter,
		tag: list(filters.tags, 'Tags')?.join(','),
		// §2.5/§3.4: a number here (unlike the conversation list's origin).
		origin: integer(filters.origin, 'Origin'),
		sent_by: email(filters.sentBy, 'Sent By'),
		category: text(channelLocatorValue(filters.channel, 'Channel'), 'Channel')?.trim() || undefined,
		// §6.1: on messages these filter on creation time.
		start_date: dateTime(filters.startDate, 'Start Date'),
		end_date: dateTime(filters.endDate, 'End Date'),
		include: boolean(includeOriginalBody, 'Include Original Body') ? 'original_body' : undefined,
	});
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All Conversations', value: 'all', description: 'Messages of every conversation in the brand' },
			{ name: 'One Conversation', value: 'conversation', description: 'Messages of one conversation, newest first' },
		],
	},
	{ ...conversationLocatorField, displayOptions: { show: { scope: ['conversation'] } } },
	...returnAllFields(),
	simplifyField,
	{
		displayName: 'Include Original Body',
		name: 'includeOriginalBody',
		type: 'boolean',
		default: false,
		description: 'Whether to add each message\'s original HTML body (original_body), where it has one',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ ...channelField, description: 'Only messages of this channel' },
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Only messages created at or before this time',
			},
			{
				displayName: 'From',
				name: 'filter',
				type: 'options',
				default: '',
				options: [
					{ name: 'Anyone', value: '' },
					{ name: 'Customers Only', value: 'customer' },
					{ name: 'Staff Only', value: 'staff' },
				],
				description: 'Only messages written by staff, or only by customers',
			},
			{
				displayName: 'Origin',
				name: 'origin',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1,
				description: 'Only messages from this origin number (1 = email, 7 = API; other values are not documented)',
			},
			{
				displayName: 'Sent By',
				name: 'sentBy',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Only messages sent by the known user with this email',
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Only messages created at or after this time',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'refund, vip',
				description: 'Only messages of conversations with these tags (comma-separated)',
			},
		],
	},
];

export const getManyMessages: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const scope = messageScope(context.getNodeParameter('scope', itemIndex, 'all'));
		const includeOriginalBody = context.getNodeParameter('includeOriginalBody', itemIndex, false);
		const qs = buildMessageQuery(fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters'), includeOriginalBody);
		const limit = readLimit(context, itemIndex);
		const policy = readOptions(context, itemIndex);
		let path = ['messages'];
		if (scope === 'conversation') {
			const conversation = await conversationParameter(context, 'conversation', itemIndex);
			// The messages path takes a slug (§2.5): a reference ID is looked up first (§2.2).
			const slug =
				'ref' in conversation
					? slugOf(context, conversation, await fetchConversation(context, conversation, itemIndex, policy), itemIndex)
					: conversation.slug;
			path = buildMessagesPath(scope, slug);
		}
		const messages = await reamazeList(context, {
			path,
			qs,
			itemsKey: 'messages',
			paged: true,
			limit,
			itemIndex,
			notFound: path.length === 3 ? notFoundText({ slug: path[1] }) : undefined,
			policy,
		});
		const simplify = context.getNodeParameter('simplify', itemIndex, true) === true;
		if (!simplify) return messages;
		// The user asked for the original body: keep it in the simplified output too.
		return messages.map((message) =>
			qs.include === undefined ? simplifyMessage(message) : { ...simplifyMessage(message), original_body: message.original_body },
		);
	},
};
