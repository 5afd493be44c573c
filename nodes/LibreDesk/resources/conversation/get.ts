import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { conversationParameter, fetchConversation, resolveConversationUuid } from '../../helpers/conversationLocator';
import { conversationLocatorField } from '../../helpers/pickers';

export const properties: INodeProperties[] = [conversationLocatorField];

/** `GET /conversations/{uuid}` (§5.2); by reference number through the search route first (§10). */
export const getConversation: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const conversation = await conversationParameter(context, itemIndex);
		const policy = readOptions(context, itemIndex);
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		return await fetchConversation(context, uuid, itemIndex, policy);
	},
};
