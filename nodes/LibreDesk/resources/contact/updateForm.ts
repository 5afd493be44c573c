import type { IDataObject } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { describe, email, type Raw, text } from '../../../shared/validate';

/**
 * The multipart form of PUT /api/v1/contacts/{id} (§8.3). The route overwrites every field: one
 * left out is cleared, and an empty `avatar_url` deletes the avatar. So the form is the contact as
 * it is now (read just before) with the user's changes on top, and always carries all seven fields.
 */

export const FORM_FIELDS = [
	'first_name',
	'last_name',
	'email',
	'phone_number',
	'phone_number_country_code',
	'country',
	'avatar_url',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Fields a user may empty on purpose (an empty text box means "leave as is" in n8n). */
export const CLEARABLE = {
	lastName: ['last_name'],
	phoneNumber: ['phone_number', 'phone_number_country_code'],
	country: ['country'],
	avatar: ['avatar_url'],
} as const satisfies Record<string, readonly FormField[]>;
export type Clearable = keyof typeof CLEARABLE;

export interface ContactChanges {
	firstName?: Raw;
	lastName?: Raw;
	email?: Raw;
	phoneNumber?: Raw;
	phoneNumberCountryCode?: Raw;
	country?: Raw;
	avatarUrl?: Raw;
	clearFields?: Raw;
}

function clearList(value: Raw): Clearable[] {
	if (value === undefined || value === null || value === '') return [];
	const entries = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((entry) => entry.trim()) : [value];
	return entries
		.filter((entry) => entry !== '')
		.map((entry) => {
			if (typeof entry !== 'string' || !Object.prototype.hasOwnProperty.call(CLEARABLE, entry)) {
				throw new InputError('Clear Fields', `unknown choice ${describe(entry)} (use ${Object.keys(CLEARABLE).join(', ')})`);
			}
			return entry as Clearable;
		});
}

/** A value of the contact as read: null and absent become '' (the form has no null; '' clears). */
function current(contact: IDataObject, field: FormField): string {
	const value = contact[field];
	if (value === null || value === undefined) return '';
	return typeof value === 'string' ? value : String(value);
}

/**
 * The changes the user asked for, validated. An update that changes nothing is an input error,
 * unless a new avatar file (the form's `files` part) is the change.
 */
export function readChanges(changes: ContactChanges, newAvatarFile = false): Partial<Record<FormField, string>> {
	const result: Partial<Record<FormField, string>> = {};
	const set = (field: FormField, value: string | undefined) => {
		if (value !== undefined) result[field] = value;
	};
	set('first_name', text(changes.firstName, 'First Name')?.trim() || undefined);
	set('last_name', text(changes.lastName, 'Last Name')?.trim() || undefined);
	// §8.3: trimmed and checked by the server too ("Invalid email address").
	set('email', email(changes.email, 'Email'));
	set('phone_number', text(changes.phoneNumber, 'Phone Number')?.trim() || undefined);
	// The sheet gives no format for the calling code or the country, so neither is checked here.
	set('phone_number_country_code', text(changes.phoneNumberCountryCode, 'Phone Number Country Code')?.trim() || undefined);
	set('country', text(changes.country, 'Country')?.trim() || undefined);
	set('avatar_url', text(changes.avatarUrl, 'Avatar URL')?.trim() || undefined);
	for (const clear of clearList(changes.clearFields)) {
		for (const field of CLEARABLE[clear]) {
			if (result[field] !== undefined) {
				throw new InputError('Clear Fields', `cannot clear ${field} and set it in the same update`);
			}
			result[field] = '';
		}
	}
	if (Object.keys(result).length === 0 && !newAvatarFile) {
		throw new InputError('Update Fields', 'add at least one field to change or to clear');
	}
	return result;
}

/**
 * Every field of the form, in the documented order: the user's change where there is one, else the
 * contact's current value. Pure.
 */
export function buildContactForm(contact: IDataObject, changes: Partial<Record<FormField, string>>): Array<[FormField, string]> {
	const form = FORM_FIELDS.map((field): [FormField, string] => [field, changes[field] ?? current(contact, field)]);
	const value = (field: FormField) => form.find(([name]) => name === field)?.[1] ?? '';
	// §8.3: both are required by the server; a contact may have neither set (created from a bare email).
	if (value('first_name').trim() === '') {
		throw new InputError('First Name', 'is required: this contact has no first name yet, and LibreDesk refuses an update without one');
	}
	if (value('email').trim() === '') {
		throw new InputError('Email', 'is required: this contact has no email address, and LibreDesk refuses an update without one');
	}
	return form;
}
