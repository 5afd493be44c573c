import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation, OperationOutput } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields, simplifyField } from '../../../shared/parameters';
import { describe, fieldSet, isBlank, list, type Raw } from '../../../shared/validate';
import { conversationParameter, notFoundText, resolveConversationUuid } from '../../helpers/conversationLocator';
import { downloadAttachmentsFields } from '../../helpers/fields';
import { conversationLocatorField } from '../../helpers/pickers';
import { libreDeskList, serverSettings, versionAtLeast } from '../../transport';
import { messageOutput } from './shared';

const TYPES = ['incoming', 'outgoing', 'activity'];

/** Query of `GET /conversations/{uuid}/messages` (§6.1, v0.10.0+ filters), without paging. Pure. */
export function buildMessageQuery(filters: { privacy?: Raw; types?: Raw }): IDataObject {
	const qs: IDataObject = {};
	const privacy = isBlank(filters.privacy) ? 'any' : filters.privacy;
	if (privacy === 'notesOnly') qs.private = 'true';
	else if (privacy === 'excludeNotes') qs.private = 'false';
	else if (privacy !== 'any') throw new InputError('Private Notes', `unknown choice ${describe(privacy)}`);
	const types = list(filters.types, 'Types');
	if (types) {
		for (const type of types) if (!TYPES.includes(type)) throw new InputError('Types', `${describe(type)} is not one of ${TYPES.join(', ')}`);
		// Repeated key: `type=incoming&type=outgoing` (§6.1).
		qs.type = [...new Set(types)];
	}
	return qs;
}

export const properties: INodeProperties[] = [
	conversationLocatorField,
	...returnAllFields(),
	simplifyField,
	...downloadAttachmentsFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Private Notes',
				name: 'privacy',
				type: 'options',
				default: 'any',
				options: [
					{ name: 'Include', value: 'any', description: 'Replies, incoming messages, notes and activity' },
					{ name: 'Only Private Notes (and Activity)', value: 'notesOnly' },
					{ name: 'Exclude', value: 'excludeNotes', description: 'Only messages the contact can see' },
				],
				description: 'LibreDesk counts activity lines (status changes, assignments) as private',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Activity', value: 'activity', description: 'System lines such as "marked as Resolved"' },
					{ name: 'Incoming', value: 'incoming', description: 'From the contact' },
					{ name: 'Outgoing', value: 'outgoing', description: 'Replies and private notes of agents' },
				],
			},
		],
	},
];

/** The messages of one conversation, newest first as LibreDesk lists them (§6.1). */
export const getManyMessages: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const conversation = await conversationParameter(context, itemIndex);
		const qs = buildMessageQuery(fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters'));
		const limit = readLimit(context, itemIndex);
		const options = {
			simplify: context.getNodeParameter('simplify', itemIndex, true) === true,
			download: context.getNodeParameter('downloadAttachments', itemIndex, false) === true,
			prefix: context.getNodeParameter('binaryPrefix', itemIndex, 'attachment_'),
		};
		const policy = readOptions(context, itemIndex);
		if (Object.keys(qs).length > 0) {
			// §13: older servers ignore these filters and would return every message.
			const { version } = await serverSettings(context, { itemIndex, policy });
			if (versionAtLeast(version, 'v0.10.0') === false) {
				throw new InputError('Filters', `need LibreDesk v0.10.0 or later; this server runs ${version}`);
			}
		}
		const uuid = await resolveConversationUuid(context, conversation, itemIndex, policy);
		const messages = await libreDeskList(context, {
			path: ['conversations', uuid, 'messages'],
			qs,
			limit,
			permission: 'messages:read',
			conversationAccess: true,
			notFound: notFoundText({ uuid }),
			itemIndex,
			policy,
		});
		const output: OperationOutput[] = [];
		for (const message of messages) output.push(await messageOutput(context, message, itemIndex, policy, options));
		return output;
	},
};
