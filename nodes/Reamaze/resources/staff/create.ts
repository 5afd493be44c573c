import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { compact, fieldSet, type Raw, requiredEmail, requiredText, text } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';

export interface CreateStaffInput {
	name: Raw;
	email: Raw;
	additional: { password?: Raw };
}

/** POST /staff body (reamaze-api.md §2.7, post_staff). Pure. */
export function buildCreateStaffBody(input: CreateStaffInput): IDataObject {
	return {
		staff: compact({
			name: requiredText(input.name, 'Name').trim(),
			email: requiredEmail(input.email, 'Email'),
			// Left out, Re:amaze generates one; the user must change it at first login either way.
			password: text(input.additional.password, 'Password') || undefined,
		}),
	};
}

export const properties: INodeProperties[] = [
	{
		displayName: 'This adds a paid seat: it may raise your monthly Re:amaze bill. Re:amaze sends the new user no invitation email.',
		name: 'staffNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description:
			'Login email of the new staff user. Creating staff may raise the monthly bill, and no invite email is sent: tell the user yourself.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Password',
				name: 'password',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Initial password. Left empty, Re:amaze generates one. The user must change it at first login.',
			},
		],
	},
];

export const createStaff: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const body = buildCreateStaffBody({
			name: context.getNodeParameter('name', itemIndex, ''),
			email: context.getNodeParameter('email', itemIndex, ''),
			additional: fieldSet(context.getNodeParameter('additionalFields', itemIndex, {}), 'Additional Fields'),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['staff'],
			body,
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the created staff user');
	},
};
