import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import type { Raw } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { type ContactAddress, contactAddress, identifierFields } from './common';

/**
 * GET /contacts/{identifier}: used by several clients but missing from the official list of
 * operations (reamaze-api.md §2, marked uncertain). README says so; the editor does not, since the
 * operation is used the same way either way.
 */
export function buildGetContactRequest(value: Raw, type: Raw): ContactAddress & { path: string[] } {
	const address = contactAddress(value, type);
	return { ...address, path: ['contacts', address.identifier] };
}

export const properties: INodeProperties[] = [...identifierFields];

export const getContact: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const request = buildGetContactRequest(
			context.getNodeParameter('contactIdentifier', itemIndex, ''),
			context.getNodeParameter('identifierType', itemIndex, 'email'),
		);
		const response = await reamazeRequest(context, {
			method: 'GET',
			path: request.path,
			qs: request.qs,
			itemIndex,
			notFound: request.notFound,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'a contact');
	},
};
