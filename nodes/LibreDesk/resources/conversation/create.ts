import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, describe, fieldSet, integer, type Raw, requiredEmail, requiredText, text } from '../../../shared/validate';
import { binaryPropertyNames, mediaIdList, readBinaryFiles, uploadAttachments } from '../../helpers/attachments';
import { attributeJsonField, attributeObject, attributeRowsField } from '../../helpers/customAttributes';
import { attachmentsField, mediaIdsField } from '../../helpers/fields';
import { agentField, emailInboxField, teamField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest, serverSettings, versionAtLeast } from '../../transport';

export interface CreateConversationInput {
	subject?: Raw;
	content: Raw;
	inboxId: Raw;
	contactEmail: Raw;
	firstName: Raw;
	lastName?: Raw;
	initiator: Raw;
	additional: {
		teamId?: Raw;
		agentId?: Raw;
		externalUserId?: Raw;
		customAttributes?: Raw;
		customAttributesJson?: Raw;
	};
}

/** A positive ID from a dropdown or an expression; 0 means "none" to LibreDesk, so it is refused. */
export function positiveId(value: Raw, field: string): number | undefined {
	const id = integer(value, field);
	if (id === 0) throw new InputError(field, 'must be 1 or more');
	return id;
}

function initiator(value: Raw): 'agent' | 'contact' {
	if (value === 'agent' || value === 'contact') return value;
	throw new InputError('Initiator', `${describe(value)} is not a choice (use agent or contact)`);
}

/** Fields LibreDesk added in v2.1.0 (§13): older servers drop them silently, so the node refuses them there. */
export const V2_1_FIELDS = ['external_user_id', 'custom_attributes'] as const;

/**
 * POST /api/v1/conversations body (§5.1, the public page of POST /api/v1/conversations), without `attachments`. Pure. The required fields
 * and the email rule are the server's (§5.1), checked here so a refusal costs no request.
 */
export function buildCreateConversationBody(input: CreateConversationInput): IDataObject {
	const inboxId = positiveId(input.inboxId, 'Inbox');
	if (inboxId === undefined) throw new InputError('Inbox', 'is required');
	const extra = input.additional;
	return compact({
		subject: text(input.subject, 'Subject')?.trim(),
		content: requiredText(input.content, 'Content'),
		inbox_id: inboxId,
		// §5.1: trimmed and lower-cased by the server, which refuses a display-name form.
		contact_email: requiredEmail(input.contactEmail, 'Contact Email').toLowerCase(),
		first_name: requiredText(input.firstName, 'First Name').trim(),
		last_name: text(input.lastName, 'Last Name')?.trim() || undefined,
		initiator: initiator(input.initiator),
		team_id: positiveId(extra.teamId, 'Team'),
		agent_id: positiveId(extra.agentId, 'Agent'),
		external_user_id: text(extra.externalUserId, 'External User ID')?.trim() || undefined,
		custom_attributes: attributeObject(extra.customAttributesJson, extra.customAttributes, 'Custom Attributes'),
	});
}

export const properties: INodeProperties[] = [
	{ ...emailInboxField, required: true },
	{
		displayName: 'Contact Email',
		name: 'contactEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'The contact the conversation is with. An unknown email creates a new contact; an existing contact is reused unchanged.',
	},
	{
		displayName: 'First Name',
		name: 'firstName',
		type: 'string',
		required: true,
		default: '',
		description: 'The contact\'s first name, used only when a new contact is created',
	},
	{
		displayName: 'Last Name',
		name: 'lastName',
		type: 'string',
		default: '',
		description: 'Used only when a new contact is created',
	},
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'LibreDesk appends the reference number, e.g. "Where is my order? - #150"',
	},
	{
		displayName: 'Content',
		name: 'content',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description:
			'The first message. HTML is allowed. With initiator Agent it is sent as an email reply and may use template fields such as {{ .Contact.FirstName }}.',
	},
	{
		displayName: 'Initiator',
		name: 'initiator',
		type: 'options',
		required: true,
		default: 'agent',
		options: [
			{ name: 'Agent', value: 'agent', description: 'The first message is an email from the API key\'s agent to the contact' },
			{ name: 'Contact', value: 'contact', description: 'The first message is recorded as received from the contact' },
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...agentField, description: `Assign to this agent (after the team). LibreDesk ignores an unknown agent. ${agentField.description}` },
			attachmentsField,
			mediaIdsField,
			attributeRowsField('Custom Attributes', 'customAttributes', 'getConversationAttributes', 'Conversation custom attributes (LibreDesk v2.1.0+); keys not defined for conversations are dropped by LibreDesk'),
			attributeJsonField('Custom Attributes (JSON)', 'customAttributesJson', 'Conversation custom attributes as a JSON object, for typed values; rows above win on the same key'),
			{
				displayName: 'External User ID',
				name: 'externalUserId',
				type: 'string',
				default: '',
				description: 'Your system\'s ID for the contact, used only when a new contact is created (LibreDesk v2.1.0+)',
			},
			{ ...teamField, description: `Assign to this team first. LibreDesk ignores an unknown team. ${teamField.description}` },
		],
	},
];

export const createConversation: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const additional = fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields');
		const body = buildCreateConversationBody({
			subject: context.getNodeParameter('subject', itemIndex, ''),
			content: context.getNodeParameter('content', itemIndex, ''),
			inboxId: context.getNodeParameter('inboxId', itemIndex, ''),
			contactEmail: context.getNodeParameter('contactEmail', itemIndex, ''),
			firstName: context.getNodeParameter('firstName', itemIndex, ''),
			lastName: context.getNodeParameter('lastName', itemIndex, ''),
			initiator: context.getNodeParameter('initiator', itemIndex, 'agent'),
			additional,
		});
		const mediaIds = mediaIdList(additional.mediaIds);
		const files = await readBinaryFiles(context, itemIndex, binaryPropertyNames(additional.binaryProperties));
		const policy = readOptions(context, itemIndex);
		const newer = V2_1_FIELDS.filter((field) => body[field] !== undefined);
		if (newer.length > 0) {
			const { version } = await serverSettings(context, { itemIndex, policy });
			if (versionAtLeast(version, 'v2.1.0') === false) {
				throw new InputError(
					newer.includes('custom_attributes') ? 'Custom Attributes' : 'External User ID',
					`needs LibreDesk v2.1.0 or later; this server runs ${version} and would ignore it`,
				);
			}
		}
		// Uploaded first (§5.1): an unknown media ID fails only after the conversation row exists.
		const attachments = await uploadAttachments(context, itemIndex, policy, files, mediaIds);
		const data = await libreDeskRequest(context, {
			method: 'POST',
			path: ['conversations'],
			body: attachments ? { ...body, attachments } : body,
			permission: 'conversations:write',
			itemIndex,
			policy,
		});
		return expectObject(context, data, itemIndex, 'the created conversation');
	},
};
