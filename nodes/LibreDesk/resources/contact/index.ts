import type { ResourceDefinition } from '../../../shared/operation';
import { blockContact, unblockContact } from './block';
import { createNote } from './createNote';
import { deleteNote } from './deleteNote';
import { getContact } from './get';
import { getManyContacts } from './getAll';
import { getManyNotes } from './getNotes';
import { searchContacts } from './search';
import { updateContact } from './update';

/**
 * Contacts (§8): the customers of conversations. LibreDesk v2.7.0 has no route to create or delete
 * one; they come from new conversations and incoming mail (§8.3).
 */
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
				name: 'Block',
				value: 'block',
				action: 'Block a contact',
				description: 'Block a contact (LibreDesk stores it as "enabled": false)',
			},
			{
				name: 'Create Note',
				value: 'createNote',
				action: 'Create a note on a contact',
				description: 'Add a note to a contact, written by the agent of the API key',
			},
			{
				name: 'Delete Note',
				value: 'deleteNote',
				action: 'Delete a note of a contact',
				description: 'Delete one note of a contact (agents without the Admin role: only their own)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a contact',
				description: 'Get one contact by ID (custom attributes are not part of this answer; a conversation\'s contact has them)',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				action: 'Get many contacts',
				description: 'List contacts with an email address, filtered and sorted, page by page',
			},
			{
				name: 'Get Many Notes',
				value: 'getNotes',
				action: 'Get many notes of a contact',
				description: 'List the notes of a contact, newest first',
			},
			{
				name: 'Search',
				value: 'search',
				action: 'Search contacts by email',
				description: 'Find up to 15 contacts whose email contains a text (needs less permission than Get Many)',
			},
			{
				name: 'Unblock',
				value: 'unblock',
				action: 'Unblock a contact',
				description: 'Unblock a blocked contact',
			},
			{
				name: 'Update',
				value: 'update',
				action: 'Update a contact',
				description: 'Change name, email, phone, country or avatar; fields you leave out are kept',
			},
		],
		default: 'get',
	},
	operations: {
		block: blockContact,
		createNote,
		deleteNote,
		get: getContact,
		getAll: getManyContacts,
		getNotes: getManyNotes,
		search: searchContacts,
		unblock: unblockContact,
		update: updateContact,
	},
};
