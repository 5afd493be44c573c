import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { libreDeskArray } from '../../transport';
import { buildCustomAttributeQuery } from './query';

export const properties: INodeProperties[] = [
	{
		displayName: 'Applies To',
		name: 'appliesTo',
		type: 'options',
		default: '',
		options: [
			{ name: 'Contacts and Conversations', value: '' },
			{ name: 'Contacts', value: 'contact' },
			{ name: 'Conversations', value: 'conversation' },
		],
		description: 'Which custom attributes to list',
	},
];

/**
 * GET /api/v1/custom-attributes[?applies_to=] (§9.6), any valid key: the definitions (key, data
 * type, allowed values, regex), most recently updated first. The values themselves live on each
 * conversation and contact.
 */
export const getManyCustomAttributes: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		return await libreDeskArray(context, {
			path: ['custom-attributes'],
			qs: buildCustomAttributeQuery(context.getNodeParameter('appliesTo', itemIndex, '')),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
