import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';

export const properties: INodeProperties[] = [];

/** GET /api/v1/statuses (§9.5): `{id, created_at, name, category}` (open, waiting or resolved), any valid key. */
export const getManyStatuses: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, { path: ['statuses'], itemIndex, policy: readOptions(context, itemIndex) });
	},
};
