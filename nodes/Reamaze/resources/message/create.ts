import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../shared/errors';
import {
	attachmentUrlsField,
	conversationSlugField,
	recipientsField,
	suppressAutoresolveField,
	suppressNotificationsField,
	suppressSurveysFields,
} from '../../shared/fields';
import type { Operation } from '../../shared/operation';
import { readOptions } from '../../shared/parameters';
import {
	attachmentFields,
	boolean,
	compact,
	email,
	identifier,
	recipientList,
	requiredText,
	suppressSurveys,
	text,
	urlList,
	type Raw,
} from '../../shared/payload';
import { expectObject } from '../../shared/response';
import { reamazeRequest } from '../../shared/transport';

export const VISIBILITY = { regular: 0, internalNote: 1 } as const;

export interface CreateMessageInput {
	body: Raw;
	visibility: Raw;
	additional: {
		senderEmail?: Raw;
		senderName?: Raw;
		originId?: Raw;
		recipients?: Raw;
		attachmentUrls?: Raw;
		suppressNotifications?: Raw;
		suppressAutoresolve?: Raw;
		suppressSurveys?: Raw;
		suppressSurveysBefore?: Raw;
	};
}

function visibility(value: Raw): 0 | 1 {
	if (value === undefined || value === '' || value === 0 || value === '0') return VISIBILITY.regular;
	if (value === 1 || value === '1') return VISIBILITY.internalNote;
	throw new InputError('Visibility', 'must be 0 (Regular) or 1 (Internal Note)');
}

/** POST /conversations/{slug}/messages body (reamaze-api.md §2.5, seed 001). Pure. */
export function buildCreateMessageBody(input: CreateMessageInput): IDataObject {
	const extra = input.additional;
	const senderEmail = email(extra.senderEmail, 'Sender Email');
	const senderName = text(extra.senderName, 'Sender Name');
	if (senderName !== undefined && senderEmail === undefined) {
		throw new InputError('Sender Email', 'is required when a Sender Name is given');
	}
	const originId = text(extra.originId, 'Origin ID')?.trim();
	return {
		message: compact({
			body: requiredText(input.body, 'Message'),
			visibility: visibility(input.visibility),
			user: senderEmail === undefined ? undefined : compact({ email: senderEmail, name: senderName }),
			origin_id: originId === '' ? undefined : originId,
			recipients: recipientList(extra.recipients, 'Recipients'),
			// The messages endpoint documents the plural only (seed 001).
			suppress_notifications: boolean(extra.suppressNotifications, 'Suppress Notifications') || undefined,
			suppress_autoresolve: boolean(extra.suppressAutoresolve, 'Suppress Auto-Resolve') || undefined,
			suppress_surveys: suppressSurveys(extra.suppressSurveys, extra.suppressSurveysBefore),
			...attachmentFields(urlList(extra.attachmentUrls, 'Attachment URLs')),
		}),
	};
}

export const properties: INodeProperties[] = [
	conversationSlugField,
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The message text. Markdown is allowed.',
	},
	{
		displayName: 'Visibility',
		name: 'visibility',
		type: 'options',
		default: 0,
		options: [
			{ name: 'Regular', value: 0, description: 'A reply the customer sees' },
			{ name: 'Internal Note', value: 1, description: 'Visible to staff only' },
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			attachmentUrlsField,
			{
				displayName: 'Origin ID',
				name: 'originId',
				type: 'string',
				default: '',
				description:
					'Your own unique ID for this message. Re:amaze uses it to prevent duplicates, which also makes the request safe to retry.',
			},
			recipientsField,
			{
				displayName: 'Sender Email',
				name: 'senderEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Who the message is from. By default it is the user of the credential.',
			},
			{
				displayName: 'Sender Name',
				name: 'senderName',
				type: 'string',
				default: '',
			},
			suppressAutoresolveField,
			suppressNotificationsField,
			...suppressSurveysFields,
		],
	},
];

export const createMessage: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const slug = identifier(context.getNodeParameter('conversationSlug', itemIndex, ''), 'Conversation Slug');
		const body = buildCreateMessageBody({
			body: context.getNodeParameter('body', itemIndex, ''),
			visibility: context.getNodeParameter('visibility', itemIndex, 0),
			additional: context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['conversations', slug, 'messages'],
			body,
			// Re:amaze deduplicates on origin_id, so only then may a failed POST be sent again.
			repeatable: (body.message as IDataObject).origin_id !== undefined,
			itemIndex,
			notFound: `no conversation with slug "${slug}"`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created message');
	},
};
