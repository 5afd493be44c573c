import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, describe, emailList, fieldSet, isBlank, list, type Raw, text } from '../../../shared/validate';
import { binaryPropertyNames, mediaIdList, readBinaryFiles, uploadAttachments } from '../../helpers/attachments';
import { conversationKey, conversationParameter, fetchConversation, notFoundText, resolveConversationUuid } from '../../helpers/conversationLocator';
import { attachmentsField, mediaIdsField } from '../../helpers/fields';
import { conversationLocatorField, mentionFields } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest } from '../../transport';

export type MessageKind = 'reply' | 'note';
export type SenderType = 'agent' | 'contact';

export interface SendMessageInput {
	kind: Raw;
	content: Raw;
	additional: {
		to?: Raw;
		cc?: Raw;
		bcc?: Raw;
		mentionAgents?: Raw;
		mentionTeams?: Raw;
		sendAs?: Raw;
	};
}

function kindOf(value: Raw): MessageKind {
	if (isBlank(value) || value === 'reply') return 'reply';
	if (value === 'note') return 'note';
	throw new InputError('Type', `unknown choice ${describe(value)} (use reply or note)`);
}

function senderOf(value: Raw): SenderType {
	if (isBlank(value) || value === 'agent') return 'agent';
	if (value === 'contact') return 'contact';
	throw new InputError('Send As', `unknown choice ${describe(value)} (use agent or contact)`);
}

function mentionIds(value: Raw, field: string): number[] {
	return (list(value, field) ?? []).map((entry) => {
		const id = Number(entry);
		if (!Number.isInteger(id) || id <= 0) throw new InputError(field, `${describe(entry)} is not an ID`);
		return id;
	});
}

/**
 * POST /conversations/{uuid}/messages body (§6.3), without `attachments`. Pure. `to` may be left
 * out of an agent's reply; the operation then fills in the conversation's contact. What LibreDesk
 * would ignore or refuse for the chosen kind (cc on a note, mentions on a reply, a private contact
 * message) is an input error here.
 */
export function buildSendMessageBody(input: SendMessageInput, hasAttachments = false): IDataObject {
	const kind = kindOf(input.kind);
	const extra = input.additional;
	const sender = senderOf(extra.sendAs);
	const content = text(input.content, 'Content');
	if ((content === undefined || content.trim() === '') && !hasAttachments) {
		throw new InputError('Content', 'is required (or attach a file)');
	}
	const to = emailList(extra.to, 'To');
	const cc = emailList(extra.cc, 'CC');
	const bcc = emailList(extra.bcc, 'BCC');
	const agents = mentionIds(extra.mentionAgents, 'Mention Agents');
	const teams = mentionIds(extra.mentionTeams, 'Mention Teams');
	const emailFields = to ?? cc ?? bcc;
	if (sender === 'contact') {
		// §6.3: a contact message is stored as received from the conversation's contact.
		if (kind === 'note') throw new InputError('Send As', 'Contact cannot write a private note');
		if (emailFields) throw new InputError(to ? 'To' : cc ? 'CC' : 'BCC', 'is only for replies sent by the agent');
	}
	if (kind === 'note' && emailFields) throw new InputError(to ? 'To' : cc ? 'CC' : 'BCC', 'is only for replies: a private note is not emailed');
	if (kind === 'reply' && agents.length + teams.length > 0) {
		throw new InputError(agents.length > 0 ? 'Mention Agents' : 'Mention Teams', 'works only in private notes');
	}
	const mentions = [...agents.map((id) => ({ type: 'agent', id })), ...teams.map((id) => ({ type: 'team', id }))];
	return compact({
		sender_type: sender,
		message: content ?? '',
		private: kind === 'note',
		to: to?.map((address) => address.toLowerCase()),
		cc,
		bcc,
		mentions: mentions.length > 0 ? mentions : undefined,
	});
}

/** §6.3: an email reply needs `to`; by default the conversation's contact. Live chat needs none. */
export function defaultRecipients(conversation: IDataObject): string[] | undefined {
	if (conversation.inbox_channel !== undefined && conversation.inbox_channel !== 'email') return undefined;
	const contact = (conversation.contact ?? {}) as IDataObject;
	const email = typeof contact.email === 'string' ? contact.email.trim() : '';
	if (email === '') {
		throw new InputError('To', 'is required: the conversation\'s contact has no email address to reply to');
	}
	return [email];
}

export const properties: INodeProperties[] = [
	conversationLocatorField,
	{
		displayName: 'Type',
		name: 'messageType',
		type: 'options',
		default: 'reply',
		options: [
			{ name: 'Reply', value: 'reply', description: 'A message the contact receives (by email for email inboxes)' },
			{ name: 'Private Note', value: 'note', description: 'Visible to agents only; may @-mention agents and teams' },
		],
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message. HTML is allowed, and template fields such as {{ .Contact.FirstName }} in replies and notes.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			attachmentsField,
			mediaIdsField,
			{
				displayName: 'BCC',
				name: 'bcc',
				type: 'string',
				default: '',
				placeholder: 'audit@example.com',
				description: 'Email replies only: blind copies, comma-separated',
			},
			{
				displayName: 'CC',
				name: 'cc',
				type: 'string',
				default: '',
				placeholder: 'manager@example.com',
				description: 'Email replies only: copies, comma-separated',
			},
			...mentionFields,
			{
				displayName: 'Send As',
				name: 'sendAs',
				type: 'options',
				default: 'agent',
				options: [
					{ name: 'Agent', value: 'agent', description: 'From the API key\'s agent' },
					{
						name: 'Contact',
						value: 'contact',
						description: 'Recorded as received from the conversation\'s contact; needs the permission messages:write_as_contact',
					},
				],
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Email replies only: recipients, comma-separated. Leave empty to reply to the conversation\'s contact.',
			},
		],
	},
];

export const sendMessage: Operation = {
	properties,
	// Messages to one conversation keep the input order.
	sequenceKey: (context, itemIndex) => conversationKey(context, itemIndex),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const additional = fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields');
		const conversation = await conversationParameter(context, itemIndex);
		const mediaIds = mediaIdList(additional.mediaIds);
		const binaryNames = binaryPropertyNames(additional.binaryProperties);
		const body = buildSendMessageBody(
			{
				kind: context.getNodeParameter('messageType', itemIndex, 'reply'),
				content: context.getNodeParameter('content', itemIndex, ''),
				additional,
			},
			mediaIds.length + binaryNames.length > 0,
		);
		const files = await readBinaryFiles(context, itemIndex, binaryNames);
		const policy = readOptions(context, itemIndex);
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		if (body.sender_type === 'agent' && body.private === false && body.to === undefined) {
			const recipients = defaultRecipients(await fetchConversation(context, uuid, itemIndex, policy));
			if (recipients) body.to = recipients;
		}
		// Uploaded first: an unknown media ID would fail the message with a 500 (§6.3).
		const attachments = await uploadAttachments(context, itemIndex, policy, files, mediaIds);
		const data = await libreDeskRequest(context, {
			method: 'POST',
			path: ['conversations', uuid, 'messages'],
			body: attachments ? { ...body, attachments } : body,
			notFound: notFoundText({ uuid }),
			permission: body.sender_type === 'contact' ? 'messages:write_as_contact' : 'messages:write',
			conversationAccess: true,
			itemIndex,
			policy,
		});
		return expectObject(context, data, itemIndex, 'the new message');
	},
};
