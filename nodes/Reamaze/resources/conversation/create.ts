import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { rowsOf } from '../../../shared/parameters';
import { boolean, compact, dateTime, email, fieldSet, integer, list, type Raw, requiredEmail, requiredText, text } from '../../../shared/validate';
import { dedupFields, dedupKeyOf, findByDedupKey, preventsDuplicates, withDedupKey } from '../../helpers/dedup';
import { attachmentUrlsField, holdUntilField, jsonDataField, keyValueField, ON_HOLD, recipientsField, statusField, suppressAutoresolveField, suppressNotificationsField, suppressSurveysFields, tagsField } from '../../helpers/fields';
import { channelLocatorValue, emailLocatorValue } from '../../helpers/locator';
import { attachmentFields, flatData, recipientList, suppressSurveys, urlList } from '../../helpers/payload';
import { assigneeField, channelField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

export interface CreateConversationInput {
	subject: Raw;
	/** The Channel locator's value. */
	channel: Raw;
	body: Raw;
	customerEmail: Raw;
	customerName: Raw;
	additional: {
		tags?: Raw;
		status?: Raw;
		holdUntil?: Raw;
		assignee?: Raw;
		customFieldsJson?: Raw;
		customFields?: Raw;
		customerDataJson?: Raw;
		customerData?: Raw;
		recipients?: Raw;
		attachmentUrls?: Raw;
		suppressNotifications?: Raw;
		suppressAutoresolve?: Raw;
		suppressSurveys?: Raw;
		suppressSurveysBefore?: Raw;
	};
}

/** POST /conversations body (reamaze-api.md §2.3). Pure: no I/O, throws InputError on bad input. */
export function buildCreateConversationBody(input: CreateConversationInput): IDataObject {
	const extra = input.additional;
	const status = integer(extra.status, 'Status');
	const holdUntil = dateTime(extra.holdUntil, 'Hold Until');
	if (status === ON_HOLD && holdUntil === undefined) {
		throw new InputError('Hold Until', 'is required when the status is On Hold (5)');
	}
	const suppressNotifications = boolean(extra.suppressNotifications, 'Suppress Notifications') || undefined;

	const message = compact({
		body: requiredText(input.body, 'Message'),
		recipients: recipientList(extra.recipients, 'Recipients'),
		// The doc copies disagree on singular vs plural for this endpoint (§2.3): send both readings.
		suppress_notification: suppressNotifications,
		suppress_notifications: suppressNotifications,
		suppress_autoresolve: boolean(extra.suppressAutoresolve, 'Suppress Auto-Resolve') || undefined,
		suppress_surveys: suppressSurveys(extra.suppressSurveys, extra.suppressSurveysBefore),
		...attachmentFields(urlList(extra.attachmentUrls, 'Attachment URLs')),
	});

	const user = compact({
		email: requiredEmail(input.customerEmail, 'Customer Email'),
		name: text(input.customerName, 'Customer Name'),
		data: flatData(extra.customerDataJson, rowsOf(extra.customerData), 'Customer Data'),
	});

	return {
		conversation: compact({
			subject: requiredText(input.subject, 'Subject'),
			category: requiredText(channelLocatorValue(input.channel, 'Channel'), 'Channel').trim(),
			tag_list: list(extra.tags, 'Tags'),
			status,
			// Only meaningful with On Hold; Dex sends it on create too (§2.3, uncertain), harmless otherwise.
			hold_until: status === ON_HOLD ? holdUntil : undefined,
			data: flatData(extra.customFieldsJson, rowsOf(extra.customFields), 'Custom Fields'),
			// On create the API takes the staff email as a plain string (the post_conversations page, §2.3), unlike update.
			assignee: email(emailLocatorValue(extra.assignee, 'Assignee'), 'Assignee'),
			message,
			user,
		}),
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Where is my order?',
	},
	{ ...channelField, required: true },
	{
		displayName: 'Message',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The first message, written by the customer. Markdown is allowed.',
	},
	{
		displayName: 'Customer Email',
		name: 'customerEmail',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'The customer the conversation is created for. An unknown email creates a new contact.',
	},
	{
		displayName: 'Customer Name',
		name: 'customerName',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			assigneeField,
			attachmentUrlsField,
			keyValueField('Custom Fields', 'customFields', 'Custom field values of the conversation ("data")'),
			jsonDataField(
				'Custom Fields (JSON)',
				'customFieldsJson',
				'Custom fields as a flat JSON object; key/value rows above win on the same key',
			),
			keyValueField(
				'Customer Data',
				'customerData',
				'Customer Data Attributes of the contact, one level deep. They REPLACE all existing attributes of that contact.',
			),
			jsonDataField(
				'Customer Data (JSON)',
				'customerDataJson',
				'Customer Data Attributes as a flat JSON object. They replace all existing attributes.',
			),
			dedupFields[0],
			{ ...holdUntilField },
			dedupFields[1],
			recipientsField,
			{ ...statusField },
			suppressAutoresolveField,
			suppressNotificationsField,
			...suppressSurveysFields,
			tagsField,
		],
	},
];

function readInput(context: IExecuteFunctions, itemIndex: number): { body: IDataObject; dedupKey: string | undefined } {
	const additional = fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields');
	const body = buildCreateConversationBody({
		subject: context.getNodeParameter('subject', itemIndex, ''),
		channel: context.getNodeParameter('channel', itemIndex, ''),
		body: context.getNodeParameter('body', itemIndex, ''),
		customerEmail: context.getNodeParameter('customerEmail', itemIndex, ''),
		customerName: context.getNodeParameter('customerName', itemIndex, ''),
		additional,
	});
	const dedupKey = dedupKeyOf(additional.preventDuplicates, additional.dedupKey, () => ({
		workflowId: String(context.getWorkflow().id ?? ''),
		nodeId: context.getNode().id,
		body,
	}));
	return { body, dedupKey };
}

export const createConversation: Operation = {
	properties,
	// Two items with the same deduplication key run one after another, so the second finds the first's conversation.
	sequenceKey: (context, itemIndex) => {
		// Without Prevent Duplicates there is no key: the item's other parameters are not evaluated twice.
		const additional = context.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject | undefined;
		if (!preventsDuplicates(additional?.preventDuplicates)) return undefined;
		const { dedupKey } = readInput(context, itemIndex);
		return dedupKey === undefined ? undefined : `conversation-dedup:${dedupKey}`;
	},
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const { body, dedupKey } = readInput(context, itemIndex);
		const policy = readOptions(context, itemIndex);
		if (dedupKey !== undefined) {
			const existing = await findByDedupKey(context, dedupKey, itemIndex, policy);
			if (existing) return existing;
		}
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['conversations'],
			body: dedupKey === undefined ? body : withDedupKey(body, dedupKey),
			itemIndex,
			policy,
			afterProcessingAdvice:
				dedupKey === undefined
					? undefined
					: 'Re-running this item is safe: Prevent Duplicates finds the conversation if this request created it, instead of creating another.',
		});
		return expectObject(context, response, itemIndex, 'the created conversation');
	},
};
