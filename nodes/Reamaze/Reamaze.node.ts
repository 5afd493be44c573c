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
import { actionSubtitle } from './helpers/subtitle';
import { searchChannels, searchConversations, searchEmailChannels, searchStaff } from './methods/listSearch';
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
import { CREDENTIAL_TYPE } from './transport';

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

const OPERATIONS = operationTable(RESOURCES);

export class Reamaze implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Re:amaze',
		name: 'reamaze',
		icon: { light: 'file:reamaze.svg', dark: 'file:reamaze.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: actionSubtitle(RESOURCES),
		description:
			'Work with Re:amaze conversations, messages, contacts, staff, channels, knowledge base, reports, satisfaction ratings and the status page',
		defaults: { name: 'Re:amaze' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: [...describeResources(RESOURCES, 'conversation'), requestOptionsProperty('Re:amaze')],
	};

	methods = {
		listSearch: { searchChannels, searchConversations, searchEmailChannels, searchStaff },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeOperation(this, OPERATIONS, { service: 'Re:amaze', credentialType: CREDENTIAL_TYPE, credential: 'the Re:amaze credential' });
	}
}
