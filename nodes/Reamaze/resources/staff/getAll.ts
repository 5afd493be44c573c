import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { reamazeList } from '../../transport';

export const properties: INodeProperties[] = [...returnAllFields()];

/** GET /staff: paged like the other lists, sorted by created_at (reamaze-api.md §2.7). */
export const getManyStaff: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await reamazeList(context, {
			path: ['staff'],
			itemsKey: 'staff',
			paged: true,
			limit: readLimit(context, itemIndex),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
