import type { INodeProperties } from 'n8n-workflow';

import type { RequestPolicy } from '../../shared/options';

/**
 * Fields whose choices are read from the account (methods/listSearch.ts). Each is a resource
 * locator: its "From list" mode lists the account, its other modes name what the value is (a slug,
 * an email, a URL), which a dropdown could only call an "ID".
 */

/** A list that waits two minutes for a rate limit is broken; fail fast and let the user retry. */
export const PICKER_POLICY: RequestPolicy = { timeoutMs: 15_000, maxRetryWaitMs: 10_000, backoffBaseMs: 500 };

/** Conversation Get, Update, Message Create and Message Get Many (read by conversationLocator.ts). */
export const conversationLocatorField: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversation',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The conversation to act on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchConversations', searchable: true },
			hint: 'Recently changed conversations (archived ones are not listed); the search matches subject, slug and customer name or email',
		},
		{
			displayName: 'By Slug',
			name: 'slug',
			type: 'string',
			placeholder: 'where-is-my-order',
			hint: 'The last part of the conversation\'s address, or the "slug" field of Re:amaze output',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://acme.reamaze.io/admin/conversations/where-is-my-order',
			hint: 'The address of the conversation in Re:amaze, on the brand of the credential',
			// Early feedback in the editor only; the run checks host, brand and path strictly (conversationLocator.ts).
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '\\s*[Hh][Tt][Tt][Pp][Ss]://[^/?#\\s]+/(?:[^?#\\s]*/)?conversations/[^/?#\\s]+/?(?:[?#]\\S*)?\\s*',
						errorMessage: 'Not the address of a Re:amaze conversation (https://<brand>.reamaze.io/admin/conversations/<slug>)',
					},
				},
			],
		},
		{
			// Short enough for n8n's narrow mode selector, which cut "By Reference ID" to "By Refer".
			displayName: 'By Ref',
			name: 'ref',
			type: 'string',
			placeholder: '100234',
			hint: 'The conversation\'s reference number (the "ref_id" field of Re:amaze output)',
		},
	],
};

/** A channel, valued by its slug (the API's `category`, §2.8); `searchMethod` picks which channels are listed. */
function channelLocator(displayName: string, name: string, searchMethod: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: searchMethod, searchable: true },
			},
			{
				displayName: 'By Slug',
				name: 'slug',
				type: 'string',
				placeholder: 'support',
				hint: 'The channel\'s slug, as in "category.slug" of Re:amaze output',
			},
		],
	};
}

export const channelField: INodeProperties = channelLocator(
	'Channel',
	'channel',
	'searchChannels',
	'The channel (Re:amaze calls it "category")',
);

/** Update's Move to Channel: "The target must be an email channel" (§2.4), so only those are listed. */
export const moveToChannelField: INodeProperties = channelLocator(
	'Move to Channel',
	'moveToChannel',
	'searchEmailChannels',
	'The email channel to move the conversation to (only email channels can receive it). For a channel of another brand, give its slug and set Destination Brand URL.',
);

/** A staff user, valued by email: the API assigns by email (§2.3, §2.4). */
export const assigneeField: INodeProperties = {
	displayName: 'Assignee',
	name: 'assignee',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The staff user to assign the conversation to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchStaff', searchable: true },
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			hint: 'The email address the staff user logs in to Re:amaze with',
		},
	],
};

/**
 * Message Create's sender: a staff member (picked) or a customer (typed or mapped email), so a
 * locator with both modes rather than a staff-only list. Both modes hold an email.
 */
export const senderField: INodeProperties = {
	displayName: 'Sender',
	name: 'senderEmail',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Who the message is from: a staff user, or a customer by email. By default it is the user of the credential.',
	modes: [
		{
			displayName: 'Staff From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchStaff', searchable: true },
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			hint: 'A staff user\'s or a customer\'s email address',
		},
	],
};
