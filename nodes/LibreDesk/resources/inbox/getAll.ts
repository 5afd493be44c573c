import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { fieldSet } from '../../../shared/validate';
import { libreDeskArray } from '../../transport';
import { inboxFilter, type InboxFilters } from './filter';

export const properties: INodeProperties[] = [
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Only Email Inboxes',
				name: 'onlyEmail',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out live chat inboxes (new conversations can start only in an email inbox)',
			},
			{
				displayName: 'Only Enabled Inboxes',
				name: 'onlyEnabled',
				type: 'boolean',
				default: true,
				description: 'Whether to leave out disabled inboxes',
			},
		],
	},
];

/**
 * GET /api/v1/inboxes (§9.1), any valid key: every inbox that is not deleted, with passwords and
 * secrets of its configuration masked by LibreDesk. The filters are applied by the node.
 */
export const getManyInboxes: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const keep = inboxFilter(fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters') as InboxFilters);
		const inboxes = await libreDeskArray(context, { path: ['inboxes'], itemIndex, policy: readOptions(context, itemIndex) });
		return inboxes.filter(keep);
	},
};
