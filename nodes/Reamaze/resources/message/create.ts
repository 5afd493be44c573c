import { createHash } from 'crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { boolean, compact, describe, email, fieldSet, type Raw, requiredText, text } from '../../../shared/validate';
import { conversationParameter, fetchConversation, notFoundText, slugOf } from '../../helpers/conversationLocator';
import { attachmentUrlsField, recipientsField, suppressAutoresolveField, suppressNotificationsField, suppressSurveysFields } from '../../helpers/fields';
import { emailLocatorValue } from '../../helpers/locator';
import { attachmentFields, recipientList, suppressSurveys, urlList } from '../../helpers/payload';
import { conversationLocatorField, senderField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

export const VISIBILITY = { regular: 0, internalNote: 1 } as const;

export type AutoOriginId = 'off' | 'executionItem' | 'content';

export interface OriginIdSource {
	workflowId: string;
	executionId: string;
	nodeId: string;
	itemIndex: number;
	conversationSlug: string;
}

/**
 * A stable origin_id for messages whose author gave none. Re:amaze ignores a second message with
 * the same origin_id, so the node may then resend after a timeout without double-posting.
 * - executionItem: unique per execution, node and item: safe retries within one run; a re-run
 *   of the workflow (a new execution) posts again.
 * - content: the same workflow, node, conversation and body always give the same ID: re-runs
 *   cannot double-post either, but the same text can then never be posted twice to one conversation.
 */
export function deriveOriginId(mode: AutoOriginId, source: OriginIdSource, body: IDataObject): string | undefined {
	if (mode === 'off') return undefined;
	const parts =
		mode === 'executionItem'
			? [source.workflowId, source.executionId, source.nodeId, String(source.itemIndex)]
			: [source.workflowId, source.nodeId, source.conversationSlug, JSON.stringify(body)];
	return `n8n-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;
}

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
		autoOriginId?: Raw;
	};
}

function autoOriginMode(value: Raw): AutoOriginId {
	if (value === undefined || value === '' || value === 'off') return 'off';
	if (value === 'executionItem' || value === 'content') return value;
	throw new InputError('Origin ID Generation', `unknown choice ${describe(value)}`);
}

function visibility(value: Raw): 0 | 1 {
	if (value === undefined || value === '' || value === 0 || value === '0') return VISIBILITY.regular;
	if (value === 1 || value === '1') return VISIBILITY.internalNote;
	throw new InputError('Visibility', 'must be 0 (Regular) or 1 (Internal Note)');
}

/**
 * POST /conversations/{slug}/messages body (reamaze-api.md §2.5, the post_messages page). Pure; `origin` is
 * needed only for the Origin ID Generation option.
 */
export function buildCreateMessageBody(input: CreateMessageInput, origin?: OriginIdSource): IDataObject {
	const extra = input.additional;
	// The Sender locator: a staff user from the list, or any email.
	const senderEmail = email(emailLocatorValue(extra.senderEmail, 'Sender'), 'Sender');
	const senderName = text(extra.senderName, 'Sender Name');
	if (senderName !== undefined && senderEmail === undefined) {
		throw new InputError('Sender', 'is required when a Sender Name is given');
	}
	const originId = text(extra.originId, 'Origin ID')?.trim();
	const mode = autoOriginMode(extra.autoOriginId);
	const message = compact({
		body: requiredText(input.body, 'Message'),
		visibility: visibility(input.visibility),
		user: senderEmail === undefined ? undefined : compact({ email: senderEmail, name: senderName }),
		origin_id: originId === '' ? undefined : originId,
		recipients: recipientList(extra.recipients, 'Recipients'),
		// The messages endpoint documents the plural only (the post_messages page, §2.5).
		suppress_notifications: boolean(extra.suppressNotifications, 'Suppress Notifications') || undefined,
		suppress_autoresolve: boolean(extra.suppressAutoresolve, 'Suppress Auto-Resolve') || undefined,
		suppress_surveys: suppressSurveys(extra.suppressSurveys, extra.suppressSurveysBefore),
		...attachmentFields(urlList(extra.attachmentUrls, 'Attachment URLs')),
	});
	if (message.origin_id === undefined && mode !== 'off') {
		if (!origin) throw new Error('the origin of the message is needed for an automatic origin ID');
		message.origin_id = deriveOriginId(mode, origin, message);
	}
	return { message };
}

export const properties: INodeProperties[] = [
	conversationLocatorField,
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
			{
				displayName: 'Origin ID Generation',
				name: 'autoOriginId',
				type: 'options',
				default: 'off',
				options: [
					{ name: 'Off', value: 'off', description: 'Send no origin ID unless you set one' },
					{
						name: 'Per Execution and Item',
						value: 'executionItem',
						description:
							'Retries within this run cannot double-post; re-running the workflow posts again',
					},
					{
						name: 'Per Conversation and Text',
						value: 'content',
						description:
							'Re-runs cannot double-post either, but the same text can never be posted twice to one conversation by this node',
					},
				],
				description:
					'Generate a stable origin ID when Origin ID is empty, so Re:amaze drops a duplicate and failed requests can safely be retried',
			},
			recipientsField,
			senderField,
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
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['conversation']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const conversation = await conversationParameter(context, 'conversation', itemIndex);
		const input: CreateMessageInput = {
			body: context.getNodeParameter('body', itemIndex, ''),
			visibility: context.getNodeParameter('visibility', itemIndex, 0),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		};
		const origin = (conversationSlug: string): OriginIdSource => ({
			workflowId: String(context.getWorkflow().id ?? ''),
			executionId: String(context.getExecutionId() ?? ''),
			nodeId: context.getNode().id,
			itemIndex,
			conversationSlug,
		});
		const policy = readOptions(context, itemIndex);
		let slug: string;
		if ('ref' in conversation) {
			// Bad input must fail before the lookup costs a request.
			buildCreateMessageBody(input, origin(''));
			// Messages are posted to a slug (§2.5): the reference ID is looked up first.
			slug = slugOf(context, conversation, await fetchConversation(context, conversation, itemIndex, policy), itemIndex);
		} else {
			slug = conversation.slug;
		}
		const body = buildCreateMessageBody(input, origin(slug));
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['conversations', slug, 'messages'],
			body,
			// Re:amaze deduplicates on origin_id, so only then may a failed POST be sent again.
			repeatable: (body.message as IDataObject).origin_id !== undefined,
			itemIndex,
			notFound: notFoundText({ slug }),
			policy,
		});
		return expectObject(context, response, itemIndex, 'the created message');
	},
};
