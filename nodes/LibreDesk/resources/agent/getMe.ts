import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { libreDeskRequest } from '../../transport';

export const properties: INodeProperties[] = [];

/**
 * GET /api/v1/agents/me (§9.3), any valid key: the agent the API key acts as, with its roles, its
 * permissions (what every other operation checks) and its teams. The answer carries the API key
 * itself, never the secret.
 */
export const getMe: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const data = await libreDeskRequest(context, {
			method: 'GET',
			path: ['agents', 'me'],
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, data, itemIndex, 'the agent of the API key');
	},
};
