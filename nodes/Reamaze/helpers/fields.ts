import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * Field definitions several operations share. Names follow the API (reamaze-api.md), labels
 * follow what a support agent sees in Re:amaze.
 */

// §3.1: numbers are stable; labels changed over time, so both names are shown.
export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: '0 · Open (Unresolved)', value: 0 },
	{ name: '1 · Responded (Pending)', value: 1 },
	{ name: '2 · Done (Resolved)', value: 2 },
	{ name: '3 · Spam', value: 3 },
	{ name: '4 · Archived', value: 4 },
	{ name: '5 · On Hold', value: 5 },
	{ name: '6 · Auto-Done (Auto-Resolved)', value: 6 },
	{ name: '7 · AI Agent Assigned (Chatbot Assigned)', value: 7 },
	{ name: '8 · AI Agent Done (Chatbot Resolved)', value: 8 },
	{ name: '9 · Spam (Identified by AI)', value: 9 },
];

export const ON_HOLD = 5;

export const statusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: STATUS_OPTIONS,
	default: 0,
	description:
		'Conversation status. On Hold needs a Hold Until date. An expression may give any status number, including ones added after this node was written.',
};

export const holdUntilField: INodeProperties = {
	displayName: 'Hold Until',
	name: 'holdUntil',
	type: 'dateTime',
	default: '',
	displayOptions: { show: { status: [ON_HOLD] } },
	description: 'When the hold ends and the conversation comes back. Required for On Hold.',
};

export const tagsField: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'refund, priority',
	description: 'Comma-separated tags (an expression may also give a list)',
};

export function keyValueField(displayName: string, name: string, description: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Field',
		description,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

export function jsonDataField(displayName: string, name: string, description: string): INodeProperties {
	return { displayName, name, type: 'json', default: '{}', description };
}

export const recipientsField: INodeProperties = {
	displayName: 'Recipients',
	name: 'recipients',
	type: 'string',
	default: '',
	placeholder: 'ops@example.com, +12223334444',
	description:
		'Extra participants (email addresses or phone numbers, comma-separated). They also receive later replies in this thread.',
};

export const attachmentUrlsField: INodeProperties = {
	displayName: 'Attachment URLs',
	name: 'attachmentUrls',
	type: 'string',
	default: '',
	placeholder: 'https://example.com/invoice.pdf',
	description: 'Public URLs of files Re:amaze should fetch and attach (comma-separated for several)',
};

export const suppressNotificationsField: INodeProperties = {
	displayName: 'Suppress Notifications',
	name: 'suppressNotifications',
	type: 'boolean',
	default: false,
	description: 'Whether to stop Re:amaze sending email and integration notifications for this message',
};

export const suppressAutoresolveField: INodeProperties = {
	displayName: 'Suppress Auto-Resolve',
	name: 'suppressAutoresolve',
	type: 'boolean',
	default: false,
	description: 'Whether to keep the conversation open when the message author is a staff user',
};

export const suppressSurveysFields: INodeProperties[] = [
	{
		displayName: 'Suppress Surveys',
		name: 'suppressSurveys',
		type: 'options',
		default: 'no',
		options: [
			{ name: 'No', value: 'no', description: 'Send satisfaction surveys as usual' },
			{ name: 'Always', value: 'always', description: 'Send no satisfaction survey for this message' },
			{ name: 'Before a Date', value: 'beforeDate', description: 'Suppress surveys before the given day' },
		],
		description: 'Whether Re:amaze may send a satisfaction survey for this message',
	},
	{
		displayName: 'Suppress Surveys Before',
		name: 'suppressSurveysBefore',
		type: 'dateTime',
		default: '',
		displayOptions: { show: { suppressSurveys: ['beforeDate'] } },
		description: 'Surveys are suppressed before this day (only the date part is sent)',
	},
];

// §3.3; values 4, 5, 7 and 11 are known to no source, so an expression may pass any number.
export const CHANNEL_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Any', value: '' },
	{ name: 'Chat (6)', value: 6 },
	{ name: 'Email (1)', value: 1 },
	{ name: 'Facebook (3)', value: 3 },
	{ name: 'Facebook Lead Ads (13)', value: 13 },
	{ name: 'Facebook Messenger (12)', value: 12 },
	{ name: 'Instagram (8)', value: 8 },
	{ name: 'Instagram Ad (14)', value: 14 },
	{ name: 'Instagram DM (16)', value: 16 },
	{ name: 'SMS (9)', value: 9 },
	{ name: 'Twitter (2)', value: 2 },
	{ name: 'Voice (10)', value: 10 },
	{ name: 'WhatsApp (15)', value: 15 },
];
