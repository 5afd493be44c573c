import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ItemWithFiles, type OperationOutput } from '../../../shared/operation';
import type { RequestPolicy } from '../../../shared/options';
import type { Raw } from '../../../shared/validate';
import { downloadAttachments } from '../../helpers/attachments';
import { conversationUuid } from '../../helpers/conversationLocator';
import { simplifyMessage } from '../../helpers/simplify';

export const messageUuidField: INodeProperties = {
	displayName: 'Message UUID',
	name: 'messageUuid',
	type: 'string',
	required: true,
	default: '',
	placeholder: '0a5c1d0e-4b8e-4a57-9c33-2f3f5b0b7c11',
	description: 'The "uuid" field of the message',
};

/** Message UUIDs are checked like conversation UUIDs (a malformed one would fail in Postgres, §2). */
export function messageUuid(value: Raw): string {
	return conversationUuid(value, 'Message UUID');
}

/** One message as output: simplified or not, with its attachments as binary data when asked. */
export async function messageOutput(
	context: IExecuteFunctions,
	message: IDataObject,
	itemIndex: number,
	policy: RequestPolicy,
	options: { simplify: boolean; download: boolean; prefix: Raw },
): Promise<OperationOutput> {
	const json = options.simplify ? simplifyMessage(message) : message;
	if (!options.download) return json;
	const binary = await downloadAttachments(context, message, itemIndex, policy, options.prefix);
	return Object.keys(binary).length > 0 ? new ItemWithFiles(json, binary) : json;
}
