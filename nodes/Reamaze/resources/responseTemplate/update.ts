import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../../../shared/itemParameters';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requireChanges, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { personalField, personalFlag, responseTemplateIdField, templateId } from './shared';

export interface UpdateResponseTemplateInput {
	name?: Raw;
	body?: Raw;
	isPersonal?: Raw;
}

/** PUT /response_templates/{id} body (reamaze-api.md §2.10). Pure: throws InputError on bad input. */
export function buildUpdateResponseTemplateBody(input: UpdateResponseTemplateInput): IDataObject {
	const template = compact({
		name: text(input.name, 'Name')?.trim() || undefined,
		body: text(input.body, 'Body'),
		is_personal: personalFlag(input.isPersonal, 'Personal'),
	});
	requireChanges(template);
	return { response_template: template };
}

export const properties: INodeProperties[] = [
	responseTemplateIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Body',
				name: 'body',
				type: 'string',
				default: '',
				typeOptions: { rows: 4 },
				description: 'The text staff insert into a reply',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
			},
			personalField,
		],
	},
];

export const updateResponseTemplate: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['responseTemplateId']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const id = templateId(itemParameter(context, 'responseTemplateId', itemIndex));
		const body = buildUpdateResponseTemplateBody(fieldSet(context.getNodeParameter('updateFields', itemIndex, {}), 'Update Fields'));
		const response = await reamazeRequest(context, {
			method: 'PUT',
			path: ['response_templates', id],
			body,
			itemIndex,
			notFound: `no response template with ID "${id}" that this user can see`,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the updated response template');
	},
};
