import { type IExecuteFunctions, type INodeProperties, NodeApiError } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { simplifyField } from '../../../shared/parameters';
import { conversationParameter, resolveConversationUuid } from '../../helpers/conversationLocator';
import { downloadAttachmentsFields } from '../../helpers/fields';
import { conversationLocatorField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { settle } from '../../helpers/settle';
import { libreDeskRequest } from '../../transport';
import { messageOutput, messageUuid, messageUuidField } from './shared';

export const properties: INodeProperties[] = [
	conversationLocatorField,
	messageUuidField,
	{ ...simplifyField, default: false },
	...downloadAttachmentsFields,
];

/** `GET /conversations/{cuuid}/messages/{uuid}` (§6.2). */
export const getMessage: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const conversation = await conversationParameter(context, itemIndex);
		const message = messageUuid(context.getNodeParameter('messageUuid', itemIndex, ''));
		const policy = readOptions(context, itemIndex);
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		const answer = await settle(
			libreDeskRequest(context, {
				method: 'GET',
				path: ['conversations', uuid, 'messages', message],
				permission: 'messages:read',
				conversationAccess: true,
				notFound: `no conversation with UUID "${uuid}"`,
				retryServerErrors: false,
				itemIndex,
				policy,
			}),
		);
		if (!answer.ok) {
			// §6.2: an unknown message UUID is answered with 500 "Something went wrong", not 404.
			if (answer.error instanceof NodeApiError && answer.error.httpCode === '500') {
				answer.error.message = `No message with UUID "${message}" in this conversation (LibreDesk answered HTTP 500)`;
				answer.error.description = 'LibreDesk answers an unknown message UUID with a server error. Check the UUID; if it is right, the server had a fault: try again later.';
			}
			throw answer.error;
		}
		const data = answer.value;
		return await messageOutput(context, expectObject(context, data, itemIndex, 'a message'), itemIndex, policy, {
			simplify: context.getNodeParameter('simplify', itemIndex, false) === true,
			download: context.getNodeParameter('downloadAttachments', itemIndex, false) === true,
			prefix: context.getNodeParameter('binaryPrefix', itemIndex, 'attachment_'),
		});
	},
};
