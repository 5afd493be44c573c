import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
	NodeOperationError,
} from 'n8n-workflow';

import { getChannels, getEmailChannels, getStaff } from './methods/loadOptions';
import { searchConversations, searchStaff } from './methods/listSearch';
import { articleResource } from './resources/article';
import { channelResource } from './resources/channel';
import { contactResource } from './resources/contact';
import { conversationResource } from './resources/conversation';
import { incidentResource } from './resources/incident';
import { messageResource } from './resources/message';
import { reportResource } from './resources/report';
import { responseTemplateResource } from './resources/responseTemplate';
import { satisfactionRatingResource } from './resources/satisfactionRating';
import { staffResource } from './resources/staff';
import { systemResource } from './resources/system';
import type { Operation, ResourceDefinition } from './shared/operation';
import { showFor } from './shared/operation';
import { requestOptionsProperty } from './shared/parameters';
import { runItems } from './shared/runner';

// Sorted by name: the Resource dropdown must list its options alphabetically (lint).
const RESOURCES: ResourceDefinition[] = [
	articleResource,
	channelResource,
	contactResource,
	conversationResource,
	incidentResource,
	messageResource,
	reportResource,
	responseTemplateResource,
	satisfactionRatingResource,
	staffResource,
	systemResource,
];

/** (resource, operation) → the code that runs it: the dispatch table `execute` uses. */
const OPERATIONS = new Map<string, Operation>(
	RESOURCES.flatMap((resource) =>
		Object.entries(resource.operations).map(([name, operation]) => [`${resource.value}:${name}`, operation] as const),
	),
);

function describeResources(): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: RESOURCES.map(({ name, value }) => ({ name, value })),
			default: 'conversation',
		},
		...RESOURCES.map((resource) => resource.operationProperty),
	];
	for (const resource of RESOURCES) {
		for (const [name, operation] of Object.entries(resource.operations)) {
			properties.push(...showFor(resource.value, name, operation.properties));
		}
	}
	properties.push(requestOptionsProperty);
	return properties;
}

export class Reamaze implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Re:amaze',
		name: 'reamaze',
		icon: { light: 'file:reamaze.svg', dark: 'file:reamaze.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Work with Re:amaze conversations, messages, contacts, staff, channels, knowledge base, reports, satisfaction ratings and the status page',
		defaults: { name: 'Re:amaze' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'reamazeApi', required: true }],
		properties: describeResources(),
	};

	methods = {
		loadOptions: { getChannels, getEmailChannels, getStaff },
		listSearch: { searchConversations, searchStaff },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = this.getNodeParameter('resource', 0) as string;
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operation = OPERATIONS.get(`${resource}:${operationName}`);
		if (!operation) {
			// n8n's editor offers "Custom API Call" on nodes whose credential can authenticate requests.
			throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`, {
				description:
					'For an endpoint this node does not cover, use the HTTP Request node with Authentication "Predefined Credential Type" and the "Re:amaze API" credential.',
			});
		}
		return await runItems(this, operation);
	}
}
