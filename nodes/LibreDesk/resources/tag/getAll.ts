import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';

export const properties: INodeProperties[] = [];

/** GET /api/v1/tags (§9.4): `{id, created_at, updated_at, name}`, sorted by name, any valid key. */
export const getManyTags: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, { path: ['tags'], itemIndex, policy: readOptions(context, itemIndex) });
	},
};
