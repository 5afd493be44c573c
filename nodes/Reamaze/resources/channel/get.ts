import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { identifier, type Raw } from '../../../shared/validate';
import { locatorParts } from '../../helpers/locator';
import { channelField } from '../../helpers/pickers';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

/** GET /channels/{slug}: the bare channel (reamaze-api.md §2.8). */
export function buildGetChannelPath(channel: Raw): string[] {
	return ['channels', identifier(locatorParts(channel, 'Channel', ['list', 'slug']).value, 'Channel')];
}

export const properties: INodeProperties[] = [
	{ ...channelField, required: true, description: 'The channel to read (what conversations and filters call "category")' },
];

export const getChannel: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const path = buildGetChannelPath(context.getNodeParameter('channel', itemIndex, ''));
		const response = await reamazeRequest(context, {
			method: 'GET',
			path,
			itemIndex,
			notFound: `no channel with slug "${path[1]}" in this brand`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'a channel');
	},
};
