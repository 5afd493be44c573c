import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { reamazeList } from '../../transport';

export const properties: INodeProperties[] = [];

/** GET /channels: `{total_count, channels}` in one answer, no page fields (reamaze-api.md §2.8, §4). */
export const getManyChannels: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await reamazeList(context, {
			path: ['channels'],
			itemsKey: 'channels',
			paged: false,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
