import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { rowsOf } from '../../../shared/parameters';
import { compact, dateTime, describe, email, fieldSet, integer, isBlank, list, type Raw, requireChanges, text } from '../../../shared/validate';
import { conversationParameter, fetchConversation, notFoundText, slugOf } from '../../helpers/conversationLocator';
import { holdUntilField, jsonDataField, keyValueField, ON_HOLD, statusField, tagsField } from '../../helpers/fields';
import { channelLocatorValue, emailLocatorValue } from '../../helpers/locator';
import { flatData } from '../../helpers/payload';
import { assigneeField, conversationLocatorField, moveToChannelField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

export type TagsMode = 'replace' | 'add' | 'remove';

export interface UpdateConversationInput {
	/** The Assignee locator's value (pickers.ts). */
	assignee?: Raw;
	/** The Move to Channel locator's value (pickers.ts). */
	moveToChannel?: Raw;
	destinationBrand?: Raw;
	customFields?: Raw;
	customFieldsJson?: Raw;
	status?: Raw;
	holdUntil?: Raw;
	tags?: Raw;
	tagsMode?: Raw;
}

export function tagsMode(input: UpdateConversationInput): TagsMode | undefined {
	if (isBlank(input.tags)) {
		if (!isBlank(input.tagsMode) && input.tagsMode !== 'replace') {
			throw new InputError('Tags', 'is required when Tags Mode adds or removes tags');
		}
		return undefined;
	}
	const mode = isBlank(input.tagsMode) ? 'replace' : input.tagsMode;
	if (mode !== 'replace' && mode !== 'add' && mode !== 'remove') {
		throw new InputError('Tags Mode', `unknown choice ${describe(mode)}`);
	}
	return mode;
}

/** `tag_list` replaces every tag (§2.4), so add/remove send the merged list; order is kept, case-sensitive. */
export function mergeTags(current: string[], tags: string[], mode: TagsMode): string[] {
	if (mode === 'replace') return [...new Set(tags)];
	if (mode === 'add') return [...new Set([...current, ...tags])];
	const removed = new Set(tags);
	return current.filter((tag) => !removed.has(tag));
}

/**
 * PUT /conversations/{slug} body (§2.4, the put_conversations page). `currentTags` is needed only for the add and
 * remove tag modes. Pure: throws InputError before anything is sent.
 */
export function buildUpdateConversationBody(input: UpdateConversationInput, currentTags?: string[]): IDataObject {
	const status = integer(input.status, 'Status');
	const holdUntil = dateTime(input.holdUntil, 'Hold Until');
	if (status === ON_HOLD && holdUntil === undefined) {
		throw new InputError('Hold Until', 'is required when the status is On Hold (5)');
	}
	const category = text(channelLocatorValue(input.moveToChannel, 'Move to Channel'), 'Move to Channel')?.trim();
	const brand = text(input.destinationBrand, 'Destination Brand URL')?.trim();
	if (brand !== undefined && category === undefined) {
		throw new InputError('Destination Brand URL', 'is only used together with Move to Channel');
	}
	const mode = tagsMode(input);
	let tagList: string[] | undefined;
	if (mode !== undefined) {
		const tags = list(input.tags, 'Tags') ?? [];
		if (mode !== 'replace' && currentTags === undefined) {
			throw new Error('current tags are needed to add or remove tags');
		}
		tagList = mergeTags(currentTags ?? [], tags, mode);
	}
	const assignee = email(emailLocatorValue(input.assignee, 'Assignee'), 'Assignee');
	const conversation = compact({
		// On update the API wants a hash with the staff email (§2.4), unlike create.
		assignee: assignee === undefined ? undefined : { email: assignee },
		tag_list: tagList,
		status,
		hold_until: status === ON_HOLD ? holdUntil : undefined,
		data: flatData(input.customFieldsJson, rowsOf(input.customFields), 'Custom Fields'),
		category,
		brand,
	});
	requireChanges(conversation);
	return { conversation };
}

export const properties: INodeProperties[] = [
	conversationLocatorField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ ...assigneeField, description: 'The staff user to assign the conversation to. The API offers no way to unassign.' },
			keyValueField('Custom Fields', 'customFields', 'Custom field values to set ("data"); other fields are kept'),
			jsonDataField('Custom Fields (JSON)', 'customFieldsJson', 'Custom fields as a flat JSON object'),
			{
				displayName: 'Destination Brand URL',
				name: 'destinationBrand',
				type: 'string',
				default: '',
				placeholder: 'acme-eu.reamaze.io',
				description: 'Only for moving to a channel of another brand: the brand URL of the destination email channel',
			},
			{ ...holdUntilField },
			moveToChannelField,
			{ ...statusField },
			{ ...tagsField, description: 'Comma-separated tags; what happens to the existing tags depends on Tags Mode' },
			{
				displayName: 'Tags Mode',
				name: 'tagsMode',
				type: 'options',
				default: 'replace',
				options: [
					{ name: 'Replace All Tags', value: 'replace', description: 'The conversation gets exactly these tags' },
					{ name: 'Add to Existing Tags', value: 'add', description: 'Reads the current tags and adds these' },
					{ name: 'Remove From Existing Tags', value: 'remove', description: 'Reads the current tags and removes these' },
				],
			},
		],
	},
];

export const updateConversation: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['conversation']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const input: UpdateConversationInput = fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields');
		const conversation = await conversationParameter(context, 'conversation', itemIndex);
		const policy = readOptions(context, itemIndex);
		// Validate everything before the read, so bad input never costs a request.
		buildUpdateConversationBody(input, []);
		const mode = tagsMode(input);
		// PUT takes only a slug (§2.4): a reference ID is first looked up, and that read also gives the tags.
		const current =
			mode === 'add' || mode === 'remove' || 'ref' in conversation
				? await fetchConversation(context, conversation, itemIndex, policy)
				: undefined;
		let currentTags: string[] | undefined;
		if (mode === 'add' || mode === 'remove') {
			const tagList = current?.tag_list;
			currentTags = Array.isArray(tagList) ? tagList.map(String) : [];
		}
		const slug = slugOf(context, conversation, current, itemIndex);
		const body = buildUpdateConversationBody(input, currentTags);
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path: ['conversations', slug],
			body,
			itemIndex,
			notFound: notFoundText({ slug }),
			policy,
		});
		return expectObject(context, response, itemIndex, 'the updated conversation');
	},
};
