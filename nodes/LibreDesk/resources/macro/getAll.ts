import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';

export const properties: INodeProperties[] = [];

/**
 * GET /api/v1/macros (§9.8), any valid key: every macro with its actions, visibility and usage
 * count, most recently updated first. LibreDesk does not filter them by visibility for the API.
 */
export const getManyMacros: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, { path: ['macros'], itemIndex, policy: readOptions(context, itemIndex) });
	},
};
