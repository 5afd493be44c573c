import type { ResourceDefinition } from '../../../shared/operation';
import { addIdentity } from './addIdentity';
import { createContact } from './create';
import { createNote } from './createNote';
import { deleteNote } from './deleteNote';
import { getContact } from './get';
import { getManyContacts } from './getAll';
import { getManyIdentities } from './getIdentities';
import { getManyNotes } from './getNotes';
import { updateContact } from './update';
import { updateNote } from './updateNote';

/** Contacts belong to the account, not to one brand (reamaze-api.md §1). */
export const contactResource: ResourceDefinition = {
	value: 'contact',
	name: 'Contact',
	operationProperty: {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add Identity',
				value: 'addIdentity',
				action: 'Add an identity to a contact',
				description: 'Attach an email, mobile or social identity; one owned by another contact is moved here',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a contact',
				description: 'Create a contact from an email address or a mobile number',
			},
			{
				name: 'Create Note',
				value: 'createNote',
				action: 'Create a note on a contact',
				description: 'Add a staff-only note to a contact',
			},
			{
				name: 'Delete Note',
				value: 'deleteNote',
				action: 'Delete a note of a contact',
				description: 'Delete one note of a contact',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get one contact by email, mobile number or social handle',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List or search contacts, page by page',
			},
			{
				name: 'Get Many Identities',
				value: 'getIdentities',
				action: 'Get many identities of a contact',
				description: 'List the emails, mobile numbers and social handles of a contact',
			},
			{
				name: 'Get Many Notes',
				value: 'getNotes',
				action: 'Get many notes of a contact',
				description: 'List the notes of a contact',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change name, friendly name, avatar or customer data, or add notes',
			},
			{
				name: 'Update Note',
				value: 'updateNote',
				action: 'Update a note of a contact',
				description: 'Change the text of one note of a contact',
			},
		],
		default: 'create',
	},
	operations: {
		addIdentity,
		create: createContact,
		createNote,
		deleteNote,
		get: getContact,
		getAll: getManyContacts,
		getIdentities: getManyIdentities,
		getNotes: getManyNotes,
		update: updateContact,
		updateNote,
	},
};
