import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions, type RequestPolicy } from '../../../shared/options';
import { reamazeList } from '../../transport';
import { type ContactAddress, identifierFields, readContactAddress } from './common';

export function notesPath(address: ContactAddress): string[] {
	return ['contacts', address.identifier, 'notes'];
}

/** GET /contacts/{identifier}/notes: a bare array of notes in one answer, no page fields (§2.6, §4). */
export async function readNotes(
	context: IExecuteFunctions,
	itemIndex: number,
	address: ContactAddress,
	policy: RequestPolicy,
): Promise<IDataObject[]> {
	return await reamazeList(context, {
		path: notesPath(address),
		qs: address.qs,
		paged: false,
		itemIndex,
		notFound: address.notFound,
		policy,
	});
}

export const properties: INodeProperties[] = [...identifierFields];

export const getManyNotes: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await readNotes(context, itemIndex, readContactAddress(context, itemIndex), readOptions(context, itemIndex));
	},
};
