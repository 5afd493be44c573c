import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, dateTime, email, fieldSet, type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { identifierFields, readContactAddress } from './common';
import { notesPath, readNotes } from './getNotes';

export interface CreateNoteInput {
	body: Raw;
	additional: { creatorEmail?: Raw; createdAt?: Raw };
}

/** POST /contacts/{identifier}/notes body: FLAT, not wrapped in `note` (§2.6, post_notes). Pure. */
export function buildCreateNoteBody(input: CreateNoteInput): IDataObject {
	return compact({
		body: requiredText(input.body, 'Note'),
		creator_email: email(input.additional.creatorEmail, 'Creator Email'),
		created_at: dateTime(input.additional.createdAt, 'Created At'),
	});
}

/**
 * The notes of `after` whose ID was not in `before`. Create answers with ALL of the contact's
 * notes (§6.14), and IDs may be UUID strings (§2.6), so IDs are compared as text.
 */
export function newNotes(before: IDataObject[], after: IDataObject[]): IDataObject[] {
	const known = new Set(before.map((note) => String(note.id)));
	return after.filter((note) => note.id !== undefined && note.id !== null && !known.has(String(note.id)));
}

export const properties: INodeProperties[] = [
	...identifierFields,
	{
		displayName: 'Note',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Text of the note, seen by staff only',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Created At',
				name: 'createdAt',
				type: 'dateTime',
				default: '',
				description: 'When the note was written (default: now), e.g. when importing notes from another system',
			},
			{
				displayName: 'Creator Email',
				name: 'creatorEmail',
				type: 'string',
				default: '',
				placeholder: 'agent@example.com',
				description: 'Email of the staff user to credit as the author (default: the user of the credential)',
			},
		],
	},
];

export const createNote: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['contactIdentifier']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const address = readContactAddress(context, itemIndex);
		const body = buildCreateNoteBody({
			body: context.getNodeParameter('body', itemIndex, ''),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		});
		const policy = readOptions(context, itemIndex);
		// The answer lists every note of the contact: remember which existed, to output only the new one.
		const before = await readNotes(context, itemIndex, address, policy);
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: notesPath(address),
			qs: address.qs,
			body,
			itemIndex,
			notFound: address.notFound,
			policy,
		});
		// Tolerate an API that answers with the single new note instead.
		if (!Array.isArray(response)) return expectObject(context, response, itemIndex, 'the notes of the contact');
		const added = newNotes(before, response.filter((note): note is IDataObject => !!note && typeof note === 'object'));
		if (added.length === 0) {
			throw new NodeApiError(context.getNode(), { received: 'no new note' } as JsonObject, {
				message: 'Re:amaze answered, but its list of notes holds no new note',
				description:
					'The note may or may not have been saved. Check the contact\'s notes in Re:amaze before running this item again, or it may be added twice.',
				itemIndex,
			});
		}
		return added;
	},
};
