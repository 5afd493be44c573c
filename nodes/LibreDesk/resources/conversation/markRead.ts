import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { conversationKey, conversationParameter, notFoundText, resolveConversationUuid } from '../../helpers/conversationLocator';
import { conversationLocatorField } from '../../helpers/pickers';
import { libreDeskRequest } from '../../transport';

export const properties: INodeProperties[] = [conversationLocatorField];

/**
 * §5.9: `PUT .../last-seen` (read) or `PUT .../mark-unread`, for the API key's agent only; they
 * change that agent's `unread_message_count` and nothing else. The API answers `true`.
 */
export function readStateOperation(read: boolean): Operation {
	return {
		properties,
		sequenceKey: (context, itemIndex) => conversationKey(context, itemIndex),
		async execute(context: IExecuteFunctions, itemIndex: number) {
			const conversation = await conversationParameter(context, itemIndex);
			const policy = readOptions(context, itemIndex);
			const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
			await libreDeskRequest(context, {
				method: 'PUT',
				path: ['conversations', uuid, read ? 'last-seen' : 'mark-unread'],
				notFound: notFoundText({ uuid }),
				permission: 'conversations:read',
				conversationAccess: true,
				// §13: mark-unread exists since v0.10.0.
				since: read ? undefined : 'v0.10.0',
				itemIndex,
				policy,
			});
			return { uuid, read };
		},
	};
}

export const markConversationRead = readStateOperation(true);
