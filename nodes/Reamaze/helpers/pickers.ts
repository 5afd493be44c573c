import type { INodeProperties } from 'n8n-workflow';

import type { RequestPolicy } from '../../shared/options';

/**
 * Fields whose choices are read from the account (methods/loadOptions.ts, methods/listSearch.ts).
 * Each keeps the name and value type of the plain field it replaced, so saved workflows and
 * expressions go on working: a dropdown still accepts any value from an expression.
 */

/** A dropdown that waits two minutes for a rate limit is broken; fail fast and let the user retry. */
export const PICKER_POLICY: RequestPolicy = { timeoutMs: 15_000, maxRetryWaitMs: 10_000, backoffBaseMs: 500 };

/**
 * Conversation Get, Update and Message Create. Named `conversationSlug` as before: a plain string
 * saved by an older version is read as a slug (see readConversationLocator).
 */
export const conversationLocatorField: INodeProperties = {
	displayName: 'Conversation',
	name: 'conversationSlug',
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
			hint: 'Recently changed conversations (archived ones are not listed); the search matches subject and slug',
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
			displayName: 'By Reference ID',
			name: 'ref',
			type: 'string',
			placeholder: '100234',
			hint: 'The conversation\'s reference number ("ref_id")',
		},
	],
};

export const channelField: INodeProperties = {
	displayName: 'Channel Name or ID',
	name: 'channelSlug',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getChannels' },
	default: '',
	description:
		'The channel (Re:amaze calls it "category"); the value is its slug. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** Update's Move to Channel: "The target must be an email channel" (§2.4), so only those are listed. */
export const moveToChannelField: INodeProperties = {
	displayName: 'Move to Channel Name or ID',
	name: 'channelSlug',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEmailChannels' },
	default: '',
	description:
		'The email channel to move the conversation to (only email channels can receive it). For a channel of another brand, give its slug with an expression and set Destination Brand URL. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const assigneeField: INodeProperties = {
	displayName: 'Assignee Name or ID',
	name: 'assignee',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStaff' },
	default: '',
	description:
		'The staff user to assign the conversation to; with an expression, give their email. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * Message Create's sender: a staff member (picked) or a customer (typed or mapped email), so a
 * locator with both modes rather than a staff-only dropdown. Named `senderEmail` as before.
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
