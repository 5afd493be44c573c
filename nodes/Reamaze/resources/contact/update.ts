import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requireChanges, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { absoluteUrl, customData, customDataFields, identifierFields, noteList, notesField, readContactAddress } from './common';

export interface UpdateContactInput {
	name?: Raw;
	friendlyName?: Raw;
	externalAvatarUrl?: Raw;
	customData?: Raw;
	customDataJson?: Raw;
	notes?: Raw;
}

/**
 * PUT /contacts/{identifier} body (§2.6, put_contacts): only name, friendly_name,
 * external_avatar_url and data can change; `notes` ADDS notes. Pure.
 */
export function buildUpdateContactBody(input: UpdateContactInput): IDataObject {
	const contact = compact({
		name: text(input.name, 'Name')?.trim(),
		friendly_name: text(input.friendlyName, 'Friendly Name')?.trim(),
		external_avatar_url: absoluteUrl(input.externalAvatarUrl, 'External Avatar URL'),
		data: customData(input.customDataJson, input.customData),
		notes: noteList(input.notes, 'Add Notes'),
	});
	requireChanges(contact);
	return { contact };
}

export const properties: INodeProperties[] = [
	...identifierFields,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			notesField('Add Notes', 'New notes to add; existing notes are kept (use Update Note to change one)'),
			...customDataFields(
				'Customer Data Attributes to set, one level deep. Whether attributes you leave out are kept is not documented: send the full set to be safe.',
			),
			{
				displayName: 'External Avatar URL',
				name: 'externalAvatarUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/avatar.png',
				description: 'Absolute URL of the contact\'s picture',
			},
			{ displayName: 'Friendly Name', name: 'friendlyName', type: 'string', default: '' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
		description: 'Email, mobile and other identifiers cannot be changed; use Add Identity to add one',
	},
];

export const updateContact: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['contactIdentifier']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const address = readContactAddress(context, itemIndex);
		const body = buildUpdateContactBody(fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields'));
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path: ['contacts', address.identifier],
			qs: address.qs,
			body,
			// `notes` on update adds notes (§2.6): a resend after a lost answer would add them twice.
			repeatable: (body.contact as { notes?: unknown }).notes === undefined,
			itemIndex,
			notFound: address.notFound,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the updated contact');
	},
};
