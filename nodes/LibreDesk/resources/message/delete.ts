import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { conversationKey, conversationParameter, resolveConversationUuid } from '../../helpers/conversationLocator';
import { conversationLocatorField } from '../../helpers/pickers';
import { libreDeskRequest } from '../../transport';
import { messageUuid, messageUuidField } from './shared';

export const properties: INodeProperties[] = [
	conversationLocatorField,
	{ ...messageUuidField, description: 'The "uuid" of the private note to delete. Replies and incoming messages cannot be deleted.' },
];

/**
 * `DELETE /conversations/{cuuid}/messages/{uuid}` (§6.5, LibreDesk v2.5.0+): soft-deletes a private
 * note (its text is replaced by a "deleted" line). Anything else answers 404.
 */
export const deleteMessage: Operation = {
	properties,
	sequenceKey: (context, itemIndex) => conversationKey(context, itemIndex),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const conversation = await conversationParameter(context, itemIndex);
		const message = messageUuid(context.getNodeParameter('messageUuid', itemIndex, ''));
		const policy = readOptions(context, itemIndex);
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		const data = await libreDeskRequest(context, {
			method: 'DELETE',
			path: ['conversations', uuid, 'messages', message],
			notFound: `no private note with UUID "${message}" in this conversation (only private notes can be deleted, and only once)`,
			permission: 'messages:write',
			conversationAccess: true,
			since: 'v2.5.0',
			itemIndex,
			policy,
		});
		const content = data && typeof data === 'object' && !Array.isArray(data) ? (data as { content?: unknown }).content : undefined;
		return { uuid: message, conversation_uuid: uuid, deleted: true, ...(typeof content === 'string' ? { content } : {}) };
	},
};
