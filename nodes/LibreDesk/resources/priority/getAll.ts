import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';

export const properties: INodeProperties[] = [];

/** GET /api/v1/priorities (§9.5): `{id, created_at, name}` (Low, Medium, High by default), any valid key. */
export const getManyPriorities: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, { path: ['priorities'], itemIndex, policy: readOptions(context, itemIndex) });
	},
};
