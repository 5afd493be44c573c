import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import type { Raw } from '../../../shared/validate';
import { reamazeList } from '../../transport';
import { contactEmail, contactEmailField } from './common';

/** GET /contacts/{email}/identities (§2.6, get_identities): documented for an email only. */
export function buildGetIdentitiesPath(value: Raw): string[] {
	return ['contacts', contactEmail(value), 'identities'];
}

export const properties: INodeProperties[] = [contactEmailField];

export const getManyIdentities: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const path = buildGetIdentitiesPath(context.getNodeParameter('contactEmail', itemIndex, ''));
		// `{"identities": [...]}` in one answer, with no page fields (§4).
		return await reamazeList(context, {
			path,
			itemsKey: 'identities',
			paged: false,
			itemIndex,
			notFound: `no contact with email "${path[1]}"`,
			policy: readOptions(context, itemIndex),
		});
	},
};
