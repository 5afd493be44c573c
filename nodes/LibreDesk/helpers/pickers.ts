import type { INodeProperties } from 'n8n-workflow';

import type { RequestPolicy } from '../../shared/options';

/**
 * Fields whose choices are read from the server (methods/loadOptions.ts, methods/listSearch.ts).
 * A dropdown still accepts any value from an expression, so each value is the one the API takes.
 */

/** A dropdown that waits two minutes for a retry is broken: fail fast and let the user retry. */
export const PICKER_POLICY: RequestPolicy = { timeoutMs: 15_000, maxRetryWaitMs: 5_000, backoffBaseMs: 500 };

export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** Conversation Get/Update/Mark and every Message operation. */
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
			hint: 'The most recent conversations; type 3 or more characters to search by reference number or contact email',
		},
		{
			displayName: 'By UUID',
			name: 'uuid',
			type: 'string',
			placeholder: '7d692b95-73dc-4f53-9343-6ed47a3db903',
			hint: 'The "uuid" field of LibreDesk output',
			validation: [
				{
					type: 'regex',
					properties: { regex: `\\s*${UUID_PATTERN}\\s*`, errorMessage: 'Not a conversation UUID (8-4-4-4-12 hexadecimal digits)' },
				},
			],
		},
		{
			displayName: 'By Reference Number',
			name: 'referenceNumber',
			type: 'string',
			placeholder: '150',
			hint: 'The number shown as #150 in LibreDesk ("reference_number")',
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://desk.example.com/inboxes/all/conversation/7d692b95-73dc-4f53-9343-6ed47a3db903',
			hint: 'The address of the conversation in LibreDesk, on the server of the credential',
			// Early feedback in the editor only; the run checks host and path strictly (conversationLocator.ts).
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `\\s*[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+/(?:[^?#\\s]*/)?conversation/${UUID_PATTERN}/?(?:[?#]\\S*)?\\s*`,
						errorMessage: 'Not the address of a LibreDesk conversation (…/conversation/<uuid>)',
					},
				},
			],
		},
	],
};

export const emailInboxField: INodeProperties = {
	displayName: 'Inbox Name or ID',
	name: 'inboxId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getEmailInboxes' },
	default: '',
	description:
		'The email inbox the conversation belongs to (only enabled email inboxes can start one). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const teamField: INodeProperties = {
	displayName: 'Team Name or ID',
	name: 'teamId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTeams' },
	default: '',
	description: 'A team. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const agentField: INodeProperties = {
	displayName: 'Agent Name or ID',
	name: 'agentId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getAgents' },
	default: '',
	description: 'An enabled agent. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const statusField: INodeProperties = {
	displayName: 'Status Name or ID',
	name: 'status',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getStatuses' },
	default: '',
	description:
		'The status by name, as LibreDesk takes it (e.g. Open, Snoozed, Resolved, Closed). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const priorityField: INodeProperties = {
	displayName: 'Priority Name or ID',
	name: 'priority',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPriorities' },
	default: '',
	description: 'The priority by name (e.g. Low, Medium, High). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const tagNamesField: INodeProperties = {
	displayName: 'Tag Names or IDs',
	name: 'tags',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getTags' },
	default: [],
	description: 'Tags by name (LibreDesk matches tag names exactly). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const viewField: INodeProperties = {
	displayName: 'View Name or ID',
	name: 'viewId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getViews' },
	default: '',
	description: 'A view of the API key\'s agent, or one shared with them. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const mentionFields: INodeProperties[] = [
	{
		displayName: 'Mention Agent Names or IDs',
		name: 'mentionAgents',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getAgents' },
		default: [],
		description: 'Agents to @-mention (and notify) in a private note. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Mention Team Names or IDs',
		name: 'mentionTeams',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTeams' },
		default: [],
		description: 'Teams to @-mention (and notify) in a private note. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];
