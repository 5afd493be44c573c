import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { settle } from '../../helpers/settle';
import { libreDeskRequest } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactKey, contactPath } from './common';

/** POST /api/v1/contacts/{id}/notes body (§8.5); an empty note is a 400 "note empty", so it is refused here. Pure. */
export function buildNoteBody(note: Raw): IDataObject {
	return { note: requiredText(note, 'Note') };
}

export const properties: INodeProperties[] = [
	contactIdField,
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		description: 'Text of the note (HTML allowed), seen by agents only. The author is the agent of the API key.',
	},
];

export const createNote: Operation = {
	properties,
	sequenceKey: (context, itemIndex) => contactKey(itemParameter(context, 'contactId', itemIndex)),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const contactId = contactIdOf(itemParameter(context, 'contactId', itemIndex));
		const body = buildNoteBody(context.getNodeParameter('note', itemIndex, ''));
		// A POST: never sent twice once it may have been processed (no idempotency key, §4.1).
		const sent = await settle(
			libreDeskRequest(context, {
				method: 'POST',
				path: contactPath(contactId, 'notes'),
				body,
				permission: CONTACT_PERMISSIONS.notesWrite,
				itemIndex,
				policy: readOptions(context, itemIndex),
			}),
		);
		if (!sent.ok) {
			const { error } = sent;
			// §8.5 [INFERRED]: the note of an unknown contact fails the foreign key: a bare 500.
			if (error instanceof NodeApiError && error.httpCode === '500') {
				throw new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
					message: `LibreDesk could not add the note (HTTP 500): check that contact ${contactId} exists`,
					description:
						'LibreDesk answers this way when the contact ID is unknown (Contact → Get tells) and on internal faults. Check the contact\'s notes before running this item again, or the note may be added twice.',
					httpCode: '500',
					itemIndex,
				});
			}
			throw error;
		}
		return expectObject(context, sent.value, itemIndex, 'the new note');
	},
};
