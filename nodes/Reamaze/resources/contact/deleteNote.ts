import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { reamazeRequest } from '../../transport';
import { identifierFields, noteIdField, readContactAddress } from './common';
import { notePath } from './updateNote';

export const properties: INodeProperties[] = [...identifierFields, noteIdField];

/** DELETE /contacts/{identifier}/notes/{id}: the only DELETE in the API (§2). */
export const deleteNote: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['contactIdentifier']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const address = readContactAddress(context, itemIndex);
		const path = notePath(address, context.getNodeParameter('noteId', itemIndex, ''));
		await reamazeRequest(context, {
			method: 'DELETE',
			path,
			qs: address.qs,
			itemIndex,
			notFound: `no note "${path[3]}" on the contact, or ${address.notFound}`,
			policy: readOptions(context, itemIndex),
		});
		// The answer's shape is not documented; this output is the same whatever it is.
		return { deleted: true, id: path[3] };
	},
};
