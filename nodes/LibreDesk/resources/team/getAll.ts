import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';

export const properties: INodeProperties[] = [];

/**
 * GET /api/v1/teams/compact (§9.2): `{id, name, emoji}`, sorted by name, for any valid key. The full
 * team objects (`GET /teams`) need `teams:manage`, which ordinary agents lack.
 */
export const getManyTeams: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, { path: ['teams', 'compact'], itemIndex, policy: readOptions(context, itemIndex) });
	},
};
