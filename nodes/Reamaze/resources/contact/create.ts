import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, email, fieldSet, type Raw, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { absoluteUrl, customData, customDataFields, mobile, noteList, notesField } from './common';

export interface CreateContactInput {
	email: Raw;
	mobile: Raw;
	additional: {
		name?: Raw;
		externalId?: Raw;
		externalAvatarUrl?: Raw;
		customData?: Raw;
		customDataJson?: Raw;
		notes?: Raw;
	};
}

/** POST /contacts body (reamaze-api.md §2.6, post_contacts). Pure: throws InputError on bad input. */
export function buildCreateContactBody(input: CreateContactInput): IDataObject {
	const extra = input.additional;
	const contact = compact({
		name: text(extra.name, 'Name')?.trim(),
		email: email(input.email, 'Email'),
		mobile: mobile(input.mobile, 'Mobile'),
		id: text(extra.externalId, 'ID in Your System')?.trim() || undefined,
		external_avatar_url: absoluteUrl(extra.externalAvatarUrl, 'External Avatar URL'),
		data: customData(extra.customDataJson, extra.customData),
		notes: noteList(extra.notes, 'Notes'),
	});
	// Other contact types (Facebook, ...) cannot be created through the API (§2.6).
	if (contact.email === undefined && contact.mobile === undefined) {
		throw new InputError('Email', 'or Mobile is required: Re:amaze creates a contact from an email address or a mobile number');
	}
	return { contact };
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description: 'Email address of the contact. Email or Mobile is required.',
	},
	{
		displayName: 'Mobile',
		name: 'mobile',
		type: 'string',
		default: '',
		placeholder: '+12223334444',
		description: 'Mobile number in E.164 format with no spaces. Email or Mobile is required.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...customDataFields('Customer Data Attributes of the contact, one level deep'),
			{
				displayName: 'External Avatar URL',
				name: 'externalAvatarUrl',
				type: 'string',
				default: '',
				placeholder: 'https://example.com/avatar.png',
				description: 'Absolute URL of the contact\'s picture',
			},
			{
				displayName: 'ID in Your System',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own system\'s ID for this contact, kept by Re:amaze as the contact\'s external ID',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			notesField('Notes', 'Notes to add to the contact, one note per entry'),
		],
	},
];

export const createContact: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const body = buildCreateContactBody({
			email: context.getNodeParameter('email', itemIndex, ''),
			mobile: context.getNodeParameter('mobile', itemIndex, ''),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['contacts'],
			body,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created contact');
	},
};
