import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { describeResources, operationTable, type ResourceDefinition } from '../shared/operation';
import { requestOptionsProperty } from '../shared/options';
import { executeOperation } from '../shared/runner';
import { searchConversations } from './methods/listSearch';
import { getAgents, getContactAttributes, getConversationAttributes, getEmailInboxes, getInboxes, getMacros, getPriorities, getPriorityIds, getStatuses, getTagIds, getTags, getTeams, getViews } from './methods/loadOptions';
import { agentResource } from './resources/agent';
import { contactResource } from './resources/contact';
import { conversationResource } from './resources/conversation';
import { customAttributeResource } from './resources/customAttribute';
import { inboxResource } from './resources/inbox';
import { macroResource } from './resources/macro';
import { messageResource } from './resources/message';
import { priorityResource } from './resources/priority';
import { statusResource } from './resources/status';
import { tagResource } from './resources/tag';
import { teamResource } from './resources/team';
import { viewResource } from './resources/view';
import { CREDENTIAL_TYPE } from './transport';

// Sorted by name: the Resource dropdown must list its options alphabetically (lint).
const RESOURCES: ResourceDefinition[] = [
	agentResource,
	contactResource,
	conversationResource,
	customAttributeResource,
	inboxResource,
	macroResource,
	messageResource,
	priorityResource,
	statusResource,
	tagResource,
	teamResource,
	viewResource,
];

const OPERATIONS = operationTable(RESOURCES);

/** "Create: Conversation": display names from the resources, so a new operation needs no edit here. */
function subtitle(resources: ResourceDefinition[]): string {
	const operations: Record<string, string> = {};
	for (const resource of resources) {
		for (const option of resource.operationProperty.options ?? []) {
			if ('value' in option && typeof option.value === 'string') operations[option.value] ??= option.name;
		}
	}
	const names = Object.fromEntries(resources.map((resource) => [resource.value, resource.name]));
	return `={{ (${JSON.stringify(operations)}[$parameter["operation"]] || $parameter["operation"]) + ": " + (${JSON.stringify(names)}[$parameter["resource"]] || $parameter["resource"]) }}`;
}

export class LibreDesk implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LibreDesk',
		name: 'libreDesk',
		icon: { light: 'file:libredesk.svg', dark: 'file:libredesk.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: subtitle(RESOURCES),
		description: 'Work with conversations, messages, contacts and lookups of a self-hosted LibreDesk helpdesk',
		defaults: { name: 'LibreDesk' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [...describeResources(RESOURCES, 'conversation'), requestOptionsProperty('LibreDesk')],
	};

	methods = {
		loadOptions: {
			getAgents,
			getContactAttributes,
			getConversationAttributes,
			getEmailInboxes,
			getInboxes,
			getMacros,
			getPriorities,
			getPriorityIds,
			getStatuses,
			getTagIds,
			getTags,
			getTeams,
			getViews,
		},
		listSearch: { searchConversations },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, OPERATIONS, { service: 'LibreDesk', credentialType: CREDENTIAL_TYPE, credential: 'the "LibreDesk API" credential' });
	}
}
