import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactPath } from './common';

export const properties: INodeProperties[] = [contactIdField];

/**
 * GET /api/v1/contacts/{id} (§8.2). An agent's ID, or an unknown one, is a 404 "User not found".
 * The query behind this route does not read custom attributes, so they come back empty (null)
 * here [INFERRED]; the contact of a conversation carries them (§5.2).
 */
export const getContact: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const contactId = contactIdOf(context.getNodeParameter('contactId', itemIndex, ''));
		const data = await libreDeskRequest(context, {
			method: 'GET',
			path: contactPath(contactId),
			permission: CONTACT_PERMISSIONS.read,
			notFound: `no contact with ID ${contactId} (an agent's ID is not a contact)`,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, data, itemIndex, 'a contact');
	},
};
