import type { INodeProperties } from 'n8n-workflow';

import { EVENT_OPTIONS } from './events';
import { DEFAULT_MAX_AGE_SECONDS } from './freshness';

export const properties: INodeProperties[] = [
	{
		displayName:
			'LibreDesk sends each event once: a delivery that fails (n8n down, workflow inactive, a timeout) is not retried, and events may arrive out of order. For a complete record, add a scheduled catch-up with the LibreDesk node (Conversation → Get Many, sorted by last message).',
		name: 'deliveryNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Webhook Setup',
		name: 'setup',
		type: 'options',
		noDataExpression: true,
		default: 'automatic',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'The trigger creates its webhook in LibreDesk when the workflow is activated and deletes it when deactivated. The API key\'s agent needs the "webhooks:manage" permission (the Admin role has it).',
			},
			{
				name: 'Manual',
				value: 'manual',
				description:
					'You create the webhook in LibreDesk (Admin → Integrations → Webhooks) with this node\'s URL and a secret, and paste the secret here. The trigger never calls the webhook API, so any API key (or none) works.',
			},
		],
	},
	{
		displayName:
			'In LibreDesk open Admin → Integrations → Webhooks → New webhook. URL: this node\'s Production URL (Test URL while you listen for a test event). Secret: any long random text, pasted below as well. Events: those you choose here. Keep it active.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { setup: ['manual'] } },
	},
	{
		displayName: 'Webhook Secret',
		name: 'webhookSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		displayOptions: { show: { setup: ['manual'] } },
		description:
			'The secret you entered for the webhook in LibreDesk. Every delivery\'s X-Libredesk-Signature is checked with it; deliveries without a valid signature are refused (HTTP 401).',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: [],
		options: EVENT_OPTIONS,
		description:
			'The events that start the workflow. In Manual setup, also select them on the webhook in LibreDesk; choosing none here then accepts every event the webhook sends.',
	},
	{
		displayName: 'Custom Event Names',
		name: 'customEvents',
		type: 'string',
		default: '',
		placeholder: 'e.g. vip.escalated, sla.breach',
		description:
			'Comma-separated event names sent by an automation rule\'s "Trigger webhook" action (LibreDesk v2.7.0 or newer). They arrive only when a rule targets this trigger\'s webhook. Automatic setup deletes the webhook on deactivation and creates a new one (new ID) on activation, so rules lose their target: for automation events, Manual setup is the better choice.',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Only conversations that match start the workflow; other deliveries are acknowledged and ignored. Filters apply to conversation events and automation events. Message events carry only the message, so they are not filtered.',
		options: [
			{
				displayName: 'Inbox Names or IDs',
				name: 'inboxIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getInboxes' },
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'The conversation\'s inbox. An expression may give several IDs, comma-separated.',
			},
			{
				displayName: 'Status Names or IDs',
				name: 'statuses',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStatuses' },
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'The conversation\'s status (for "Conversation Status Changed": the new one). An expression may give names or IDs, comma-separated.',
			},
			{
				displayName: 'Team Names or IDs',
				name: 'teamIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTeams' },
				default: [],
				description: 'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'The conversation\'s assigned team. An expression may give several IDs, comma-separated.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Emit Test Events',
				name: 'emitTestEvents',
				type: 'boolean',
				default: false,
				description:
					'Whether a delivery from the webhook\'s "Test" button in LibreDesk (event webhook.test) starts the workflow. Off: it is acknowledged and ignored.',
			},
			{
				displayName: 'Include Raw Payload',
				name: 'includeRaw',
				type: 'boolean',
				default: false,
				description: 'Whether to add the payload exactly as LibreDesk sent it under "raw", next to the flattened fields',
			},
			{
				displayName: 'Max Delivery Age (Seconds)',
				name: 'maxAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_MAX_AGE_SECONDS,
				description:
					'Replay protection: deliveries whose timestamp is further than this from n8n\'s clock (in the past or the future) are refused (HTTP 401). 0 turns the check off.',
			},
		],
	},
];
