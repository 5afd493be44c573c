import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions, type RequestPolicy } from '../../../shared/options';
import { libreDeskArray } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactPath } from './common';

/**
 * GET /api/v1/contacts/{id}/notes (§8.5): every note, newest first, with its author's name. The
 * contact is not looked up: an unknown ID answers with no notes rather than a 404.
 */
export async function readNotes(context: IExecuteFunctions, itemIndex: number, contactId: string, policy: RequestPolicy): Promise<IDataObject[]> {
	return await libreDeskArray(context, {
		path: contactPath(contactId, 'notes'),
		permission: CONTACT_PERMISSIONS.notesRead,
		itemIndex,
		policy,
	});
}

export const properties: INodeProperties[] = [contactIdField];

export const getManyNotes: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const contactId = contactIdOf(context.getNodeParameter('contactId', itemIndex, ''));
		return await readNotes(context, itemIndex, contactId, readOptions(context, itemIndex));
	},
};
