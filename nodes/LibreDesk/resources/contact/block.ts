import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest } from '../../transport';
import { CONTACT_PERMISSIONS, contactIdField, contactIdOf, contactKey, contactPath } from './common';

/** PUT /api/v1/contacts/{id}/block body (§8.4): `enabled` means "not blocked". Pure. */
export function buildBlockBody(blocked: boolean): IDataObject {
	return { enabled: !blocked };
}

export const properties: INodeProperties[] = [contactIdField];

/** Block and Unblock: one route, answering with the contact (§8.4). Sending it twice changes nothing more. */
function blockOperation(blocked: boolean): Operation {
	return {
		properties,
		sequenceKey: (context, itemIndex) => contactKey(itemParameter(context, 'contactId', itemIndex)),
		async execute(context: IExecuteFunctions, itemIndex: number) {
			const contactId = contactIdOf(itemParameter(context, 'contactId', itemIndex));
			const data = await libreDeskRequest(context, {
				method: 'PUT',
				path: contactPath(contactId, 'block'),
				body: buildBlockBody(blocked),
				permission: CONTACT_PERMISSIONS.block,
				notFound: `no contact with ID ${contactId} (an agent's ID is not a contact)`,
				itemIndex,
				policy: readOptions(context, itemIndex),
			});
			return expectObject(context, data, itemIndex, 'the contact');
		},
	};
}

export const blockContact = blockOperation(true);
export const unblockContact = blockOperation(false);
