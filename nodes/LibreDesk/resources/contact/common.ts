import type { INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { describe, isBlank, type Raw } from '../../../shared/validate';

/**
 * What the contact operations share: how a contact and a note are addressed (numeric IDs in the
 * path, §2 "IDs") and the role permission each route needs (§4.1), named in a 403.
 */

export const CONTACT_PERMISSIONS = {
	list: 'contacts:read_all',
	read: 'contacts:read',
	write: 'contacts:write',
	block: 'contacts:block',
	notesRead: 'contact_notes:read',
	notesWrite: 'contact_notes:write',
	notesDelete: 'contact_notes:delete',
} as const;

/**
 * A positive whole number as text. The server parses `{id}` with Atoi and turns junk into 0 (§2
 * "Non-numeric {id}"), which would address nothing, so junk never leaves the node.
 */
export function positiveId(value: Raw, field: string): string {
	if (isBlank(value)) throw new InputError(field, 'is required');
	const text = typeof value === 'string' ? value.trim() : value;
	const number = typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : text;
	if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) {
		throw new InputError(field, `expected the numeric ID (a whole number of 1 or more), got ${describe(value)}`);
	}
	return String(number);
}

export function contactIdOf(value: Raw): string {
	return positiveId(value, 'Contact ID');
}

export function contactPath(contactId: string, ...rest: string[]): string[] {
	return ['contacts', contactId, ...rest];
}

/** The contact an item changes, for the runner's per-contact ordering; undefined leaves the item unordered. */
export function contactKey(value: Raw): string | undefined {
	try {
		return `contact:${contactIdOf(value)}`;
	} catch {
		return undefined;
	}
}

export const contactIdField: INodeProperties = {
	displayName: 'Contact ID',
	name: 'contactId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '42',
	description:
		'The contact\'s numeric ID, as Contact → Get Many and Search output it, or the "contact_id" of a conversation',
};

export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '7',
	description: 'The note\'s numeric ID, as Get Many Notes outputs it',
};
