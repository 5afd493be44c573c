import {
	type IExecuteFunctions,
	type INodeProperties,
	type JsonObject,
	NodeApiError,
} from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { settle } from '../../helpers/settle';
import { libreDeskErrorType, libreDeskRequest } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactKey, contactPath, noteIdField, positiveId } from './common';
import { readNotes } from './getNotes';

export const properties: INodeProperties[] = [contactIdField, noteIdField];

/**
 * DELETE /api/v1/contacts/{id}/notes/{note_id} (§8.5). For an admin the route answers `true` even
 * for a note that does not exist, and for others an unknown note is a bare 500; so the node first
 * looks the note up among the contact's notes and reports a missing one as not found. A key that
 * may delete but not read notes skips that check.
 */
export const deleteNote: Operation = {
	properties,
	sequenceKey: (context, itemIndex) => contactKey(itemParameter(context, 'contactId', itemIndex)),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const contactId = contactIdOf(itemParameter(context, 'contactId', itemIndex));
		const noteId = positiveId(context.getNodeParameter('noteId', itemIndex, ''), 'Note ID');
		const policy = readOptions(context, itemIndex);
		const missing = `contact ${contactId} has no note with ID ${noteId}`;

		const read = await settle(readNotes(context, itemIndex, contactId, policy));
		if (!read.ok && !(read.error instanceof NodeApiError && read.error.httpCode === '403')) throw read.error;
		const notes = read.ok ? read.value : undefined;
		if (notes && !notes.some((note) => String(note.id) === noteId)) {
			throw new NodeApiError(context.getNode(), { status: 404, contact_id: Number(contactId), note_id: Number(noteId) } as JsonObject, {
				message: `Not found: ${missing}`,
				description: 'Nothing was deleted. Check the note ID with Contact → Get Many Notes (the note may already be deleted).',
				httpCode: '404',
				itemIndex,
			});
		}

		const deleted = await settle(
			libreDeskRequest(context, {
				method: 'DELETE',
				path: contactPath(contactId, 'notes', noteId),
				permission: CONTACT_PERMISSIONS.notesDelete,
				notFound: missing,
				itemIndex,
				policy,
			}),
		);
		if (!deleted.ok) {
			const { error } = deleted;
			if (!(error instanceof NodeApiError)) throw error;
			// §8.5: an agent without the Admin role may delete only their own notes: 403 with InputException,
			// where a missing permission is a PermissionException.
			if (error.httpCode === '403' && libreDeskErrorType(error) === 'InputException') {
				throw new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
					message: `LibreDesk refused to delete note ${noteId} (HTTP 403): it was written by another agent`,
					description:
						'Only agents with the Admin role may delete other agents\' notes. Use the API key of the note\'s author or of an admin.',
					httpCode: '403',
					itemIndex,
				});
			}
			if (error.httpCode === '500') {
				throw new NodeApiError(context.getNode(), error.errorResponse as JsonObject, {
					message: `LibreDesk could not delete note ${noteId} of contact ${contactId} (HTTP 500)`,
					description:
						'For an agent without the Admin role LibreDesk answers this way when the note does not exist (any more). Check the notes with Contact → Get Many Notes.',
					httpCode: '500',
					itemIndex,
				});
			}
			throw error;
		}
		return { deleted: true, contact_id: Number(contactId), note_id: Number(noteId) };
	},
};
