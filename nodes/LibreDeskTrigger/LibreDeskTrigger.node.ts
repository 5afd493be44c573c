import {
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { getInboxes, getStatuses, getTeams } from '../LibreDesk/methods/loadOptions';
import { checkExists, create, receive, remove } from './hooks';
import { properties } from './properties';

export class LibreDeskTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LibreDesk Trigger',
		name: 'libreDeskTrigger',
		icon: { light: 'file:libredesk.svg', dark: 'file:libredesk.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") || $parameter["customEvents"] || "every event" }}',
		description: 'Starts the workflow when LibreDesk sends a signed webhook: conversations created, assigned, changed; messages',
		defaults: { name: 'LibreDesk Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'libreDeskApi', required: true, displayOptions: { show: { setup: ['automatic'] } } }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// §12.3: LibreDesk waits 3 s for response headers; the answer goes out before the workflow runs.
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties,
	};

	// The LibreDesk node's own pickers: inboxes and teams by ID, statuses by name (§9.1, §9.2, §9.5).
	methods = { loadOptions: { getInboxes, getTeams, getStatuses } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive(this);
	}
}
