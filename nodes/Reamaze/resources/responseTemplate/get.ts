import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { responseTemplateIdField, templateId } from './shared';

export const properties: INodeProperties[] = [responseTemplateIdField];

/** GET /response_templates/{id} (reamaze-api.md §2.10): the bare template. */
export const getResponseTemplate: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const id = templateId(context.getNodeParameter('responseTemplateId', itemIndex, ''));
		const response = await reamazeRequest(context, {
			method: 'GET',
			path: ['response_templates', id],
			itemIndex,
			// Personal templates of other users are hidden too, depending on the role (§2.10).
			notFound: `no response template with ID "${id}" that this user can see`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'a response template');
	},
};
