import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { itemParameter } from '../../../shared/itemParameters';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { fieldSet, text } from '../../../shared/validate';
import { readBinaryFiles } from '../../helpers/attachments';
import type { FormPart } from '../../helpers/multipart';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactKey, contactPath } from './common';
import { buildContactForm, type ContactChanges, readChanges } from './updateForm';

const AVATAR_FIELD = 'Avatar (Binary Property)';

export const properties: INodeProperties[] = [
	contactIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Fields you leave out keep their current value: the node reads the contact first and sends every field back',
		options: [
			{
				displayName: AVATAR_FIELD,
				name: 'avatarBinaryProperty',
				type: 'string',
				default: '',
				placeholder: 'data',
				description: 'Name of the input item\'s binary property holding a new avatar image',
			},
			{
				displayName: 'Avatar URL',
				name: 'avatarUrl',
				type: 'string',
				default: '',
				description: 'Address of the avatar image, as LibreDesk stores it in "avatar_url"',
			},
			{
				displayName: 'Clear Fields',
				name: 'clearFields',
				type: 'multiOptions',
				default: [],
				options: [
					{ name: 'Avatar', value: 'avatar' },
					{ name: 'Country', value: 'country' },
					{ name: 'Last Name', value: 'lastName' },
					{ name: 'Phone Number (With Country Code)', value: 'phoneNumber' },
				],
				description: 'Fields to empty on purpose (an empty box above means "keep")',
			},
			{ displayName: 'Country', name: 'country', type: 'string', default: '', description: 'Country, as LibreDesk stores it in "country" (LibreDesk v2.1.0 or newer)' },
			{ displayName: 'Email', name: 'email', type: 'string', default: '', placeholder: 'name@email.com', description: 'New email address; no other contact may have it' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
			{
				displayName: 'Phone Number Country Code',
				name: 'phoneNumberCountryCode',
				type: 'string',
				default: '',
				placeholder: '+1',
				description: 'Calling code of the phone number ("phone_number_country_code")',
			},
		],
	},
];

/**
 * PUT /api/v1/contacts/{id} as multipart/form-data (§8.3). The route overwrites every field, so
 * the node first reads the contact (GET, §8.2) and sends all seven fields: the changed ones and
 * the rest as they are. Custom attributes are not part of this route and stay as they are.
 */
export const updateContact: Operation = {
	properties,
	sequenceKey: (context, itemIndex) => contactKey(itemParameter(context, 'contactId', itemIndex)),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const contactId = contactIdOf(itemParameter(context, 'contactId', itemIndex));
		const fields = fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields');
		const avatarProperty = text(fields.avatarBinaryProperty, AVATAR_FIELD)?.trim() || undefined;
		const changes: ContactChanges = { ...fields };
		const wanted = readChanges(changes, avatarProperty !== undefined);
		if (avatarProperty !== undefined && wanted.avatar_url !== undefined) {
			throw new InputError(AVATAR_FIELD, 'cannot be combined with Avatar URL or clearing the avatar: choose one');
		}
		const avatar = avatarProperty === undefined ? undefined : (await readBinaryFiles(context, itemIndex, [avatarProperty]))[0];

		const policy = readOptions(context, itemIndex);
		const notFound = `no contact with ID ${contactId} (an agent's ID is not a contact)`;
		const current = expectObject(
			context,
			await libreDeskRequest(context, {
				method: 'GET',
				path: contactPath(contactId),
				// Reading is part of updating: a key with contacts:write but not contacts:read cannot update safely.
				permission: CONTACT_PERMISSIONS.read,
				notFound,
				itemIndex,
				policy,
			}),
			itemIndex,
			'the contact to update',
		);
		const form: FormPart[] = buildContactForm(current, wanted).map(([name, value]) => ({ name, value }));
		if (avatar) form.push({ name: 'files', filename: avatar.fileName, contentType: avatar.mimeType, data: avatar.data });
		const data = await libreDeskRequest(context, {
			method: 'PUT',
			path: contactPath(contactId),
			form,
			permission: CONTACT_PERMISSIONS.write,
			notFound,
			itemIndex,
			policy,
		});
		return expectObject(context, data, itemIndex, 'the updated contact');
	},
};

