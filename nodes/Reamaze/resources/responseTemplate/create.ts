import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requiredText } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { personalField, personalFlag } from './shared';

export interface CreateResponseTemplateInput {
	name: Raw;
	body: Raw;
	additional: { isPersonal?: Raw };
}

/** POST /response_templates body (reamaze-api.md §2.10). Pure: throws InputError on bad input. */
export function buildCreateResponseTemplateBody(input: CreateResponseTemplateInput): IDataObject {
	return {
		response_template: compact({
			name: requiredText(input.name, 'Name').trim(),
			body: requiredText(input.body, 'Body'),
			is_personal: personalFlag(input.additional.isPersonal, 'Personal'),
		}),
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Refund issued',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		description: 'The text staff insert into a reply',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [personalField],
	},
];

export const createResponseTemplate: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const body = buildCreateResponseTemplateBody({
			name: context.getNodeParameter('name', itemIndex, ''),
			body: context.getNodeParameter('body', itemIndex, ''),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			// The blog's curl example shows /topics/{slug}/response_templates, a copy-paste slip (§2.10).
			path: ['response_templates'],
			body,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created response template');
	},
};
