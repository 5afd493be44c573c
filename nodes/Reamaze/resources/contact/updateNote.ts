import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { identifier, type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { type ContactAddress, identifierFields, noteIdField, readContactAddress } from './common';

export function notePath(address: ContactAddress, noteId: Raw): string[] {
	// IDs may be UUID strings (§2.6): passed through as text, never parsed as numbers.
	return ['contacts', address.identifier, 'notes', identifier(noteId, 'Note ID')];
}

/** PUT /contacts/{identifier}/notes/{id} body: flat, like create (§2.6, put_note). Pure. */
export function buildUpdateNoteBody(body: Raw): IDataObject {
	return { body: requiredText(body, 'Note') };
}

/** The updated note, whether the API answers with it or with every note of the contact. */
export function pickNote(response: unknown, noteId: string): IDataObject | undefined {
	if (Array.isArray(response)) {
		return response.find((note): note is IDataObject => !!note && typeof note === 'object' && String((note as IDataObject).id) === noteId);
	}
	return undefined;
}

export const properties: INodeProperties[] = [
	...identifierFields,
	noteIdField,
	{
		displayName: 'Note',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'The new text of the note',
	},
];

export const updateNote: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['contactIdentifier']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const address = readContactAddress(context, itemIndex);
		const path = notePath(address, context.getNodeParameter('noteId', itemIndex, ''));
		const body = buildUpdateNoteBody(context.getNodeParameter('body', itemIndex, ''));
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path,
			qs: address.qs,
			body,
			itemIndex,
			notFound: `no note "${path[3]}" on the contact, or ${address.notFound}`,
			policy: readOptions(context, itemIndex),
		});
		return pickNote(response, path[3]) ?? expectObject(context, response, itemIndex, 'the updated note');
	},
};
