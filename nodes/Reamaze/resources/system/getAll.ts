import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { reamazeList } from '../../transport';

export const properties: INodeProperties[] = [...returnAllFields()];

/**
 * GET /systems (reamaze-api.md §2.13): the status-page systems, IDs often UUID strings. The Go
 * model reads a bare array; an envelope `{systems: [...]}` is read too, and paging is handled as
 * for incidents (sent, and harmless if the API ignores it).
 */
export const getManySystems: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await reamazeList(context, {
			path: ['systems'],
			itemsKey: 'systems',
			orBareArray: true,
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
