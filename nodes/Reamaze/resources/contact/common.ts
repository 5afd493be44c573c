import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { itemParameter } from '../../../shared/itemParameters';
import { rowsOf } from '../../../shared/parameters';
import { describe, identifier, isBlank, type Raw, requiredEmail, text } from '../../../shared/validate';
import { jsonDataField, keyValueField } from '../../helpers/fields';
import { flatData } from '../../helpers/payload';

/**
 * What the contact operations share: how a contact is addressed in a path, mobile numbers in
 * E.164, customer data and notes (reamaze-api.md §2.6).
 */

/** §3.5: `identifier_type` is email (the default), mobile, facebook, twitter or instagram. */
export const IDENTIFIER_TYPES = ['email', 'mobile', 'facebook', 'twitter', 'instagram'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

// §2.6: "mobile in E.164 with no spaces, e.g. +12223334444".
const E164 = /^\+[1-9][0-9]{1,14}$/;

export function mobile(value: Raw, field: string): string | undefined {
	const result = text(value, field)?.trim();
	if (result === undefined) return undefined;
	if (!E164.test(result)) {
		throw new InputError(
			field,
			`${describe(result)} is not a mobile number in E.164 format`,
			'Write it as + country code and number with no spaces or dashes, e.g. +12223334444.',
		);
	}
	return result;
}

export function absoluteUrl(value: Raw, field: string): string | undefined {
	const result = text(value, field)?.trim();
	if (result === undefined) return undefined;
	let parsed: URL | undefined;
	try {
		parsed = new URL(result);
	} catch {
		parsed = undefined;
	}
	if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
		throw new InputError(field, `${describe(result)} is not an absolute http(s) URL`);
	}
	return result;
}

function identifierType(value: Raw): IdentifierType {
	if (isBlank(value)) return 'email';
	if (typeof value === 'string' && (IDENTIFIER_TYPES as readonly string[]).includes(value)) return value as IdentifierType;
	throw new InputError('Identify Contact By', `unknown choice ${describe(value)} (use one of ${IDENTIFIER_TYPES.join(', ')})`);
}

export interface ContactAddress {
	/** The path segment after `contacts`. */
	identifier: string;
	/** `identifier_type`, left out for email, the documented default (§2.6). */
	qs: IDataObject;
	/** A 404 in the user's words. */
	notFound: string;
}

/** `/contacts/{identifier}?identifier_type=…`: the value must match its type (§2.6, put_contacts). */
export function contactAddress(value: Raw, type: Raw): ContactAddress {
	const kind = identifierType(type);
	const field = 'Contact Identifier';
	let result: string;
	if (kind === 'email') result = requiredEmail(value, field);
	else if (kind === 'mobile') {
		result = mobile(value, field) ?? '';
		if (result === '') throw new InputError(field, 'is required');
	} else result = identifier(value, field);
	return {
		identifier: result,
		qs: kind === 'email' ? {} : { identifier_type: kind },
		notFound: `no contact with ${kind} "${result}"`,
	};
}

export function readContactAddress(context: IExecuteFunctions, itemIndex: number): ContactAddress {
	return contactAddress(
		itemParameter(context, 'contactIdentifier', itemIndex),
		context.getNodeParameter('identifierType', itemIndex, 'email'),
	);
}

/** The contact's own email, for the endpoints documented with `{email}` only (identities). */
export function contactEmail(value: Raw): string {
	return requiredEmail(value, 'Contact Email');
}

/**
 * Notes as the UI gives them (`{ note: [{ text }] }`), or from an expression: a list of texts
 * (one note each) or a single text (one note). Commas are kept: a note is free text.
 */
export function noteList(value: Raw, field: string): string[] | undefined {
	if (isBlank(value)) return undefined;
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = [value];
	else if (typeof value === 'object' && value !== null) {
		const rows = (value as { note?: unknown }).note;
		if (rows === undefined && Object.keys(value).length === 0) return undefined;
		if (!Array.isArray(rows)) throw new InputError(field, `expected a list of notes, got ${describe(value)}`);
		entries = rows.map((row) => (row && typeof row === 'object' && !Array.isArray(row) ? (row as IDataObject).text : row));
	} else throw new InputError(field, `expected a list of notes, got ${describe(value)}`);
	const notes: string[] = [];
	for (const entry of entries) {
		const note = text(entry, field);
		if (note !== undefined && note.trim() !== '') notes.push(note);
	}
	return notes.length > 0 ? notes : undefined;
}

export function customData(json: Raw, rows: Raw): IDataObject | undefined {
	return flatData(json, rowsOf(rows), 'Customer Data');
}

export const identifierFields: INodeProperties[] = [
	{
		displayName: 'Identify Contact By',
		name: 'identifierType',
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Facebook', value: 'facebook' },
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'Mobile', value: 'mobile' },
			{ name: 'Twitter', value: 'twitter' },
		],
		description: 'Which of the contact\'s identities the Contact Identifier is (sent as identifier_type unless Email)',
	},
	{
		displayName: 'Contact Identifier',
		name: 'contactIdentifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: 'The contact\'s email address, or its mobile number in E.164 (+12223334444) or social handle, matching Identify Contact By',
	},
];

export const contactEmailField: INodeProperties = {
	displayName: 'Contact Email',
	name: 'contactEmail',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'name@email.com',
	description: 'Email address of the contact (Re:amaze documents this endpoint for email only)',
};

export function customDataFields(description: string): INodeProperties[] {
	return [
		keyValueField('Customer Data', 'customData', description),
		jsonDataField('Customer Data (JSON)', 'customDataJson', 'Customer Data Attributes as a flat JSON object; key/value rows win on the same key'),
	];
}

export function notesField(displayName: string, description: string): INodeProperties {
	return {
		displayName,
		name: 'notes',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Note',
		description,
		options: [
			{
				displayName: 'Note',
				name: 'note',
				values: [{ displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 2 }, default: '' }],
			},
		],
	};
}

export const noteIdField: INodeProperties = {
	displayName: 'Note ID',
	name: 'noteId',
	type: 'string',
	required: true,
	default: '',
	description: 'The "ID" of the note, as Get Many Notes outputs it (it may be a UUID)',
};
