import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { reamazeList } from '../../transport';

export const properties: INodeProperties[] = [...returnAllFields()];

/**
 * GET /incidents (reamaze-api.md §2.13, §4): a bare array per the Go model [UNCERTAIN], so an
 * `{incidents: [...]}` envelope is read too. Whether the list pages is undocumented: `page` is sent
 * as on every documented list; a short page ends it, and if the API ignores `page` the second page
 * repeats the first and transport stops there, so both readings return every incident once.
 */
export const getManyIncidents: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await reamazeList(context, {
			path: ['incidents'],
			itemsKey: 'incidents',
			orBareArray: true,
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
