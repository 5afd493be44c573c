import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';
import { CONTACT_PERMISSIONS } from './common';
import { buildContactSearchQuery } from './listQuery';

export const properties: INodeProperties[] = [
	{
		displayName: 'Email Contains',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'emma@',
		description: 'At least 3 characters of the email address (ignoring case)',
	},
];

/**
 * GET /api/v1/contacts/search?query= (§10): contacts (not visitors) whose email contains the text,
 * at most 15, with id, names, email, external ID and creation time. Needs only `contacts:read`,
 * where Get Many needs `contacts:read_all`.
 */
export const searchContacts: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, {
			path: ['contacts', 'search'],
			qs: buildContactSearchQuery(context.getNodeParameter('query', itemIndex, '')),
			permission: CONTACT_PERMISSIONS.read,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
