import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { keyFromParameters, type Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { describe, identifier, isBlank, type Raw, requiredEmail } from '../../../shared/validate';
import { expectObject } from '../../helpers/response';
import { reamazeRequest } from '../../transport';
import { identifierFields, mobile, readContactAddress } from './common';

/** §2.6/§3.5: Facebook identities cannot be added. `igsid` is an Instagram-scoped ID. */
export const IDENTITY_TYPES = ['email', 'mobile', 'instagram', 'igsid', 'twitter'] as const;

export interface AddIdentityInput {
	type: Raw;
	identifier: Raw;
}

/** POST /contacts/{identifier}/identities body (§2.6, post_identities). Pure. */
export function buildAddIdentityBody(input: AddIdentityInput): IDataObject {
	const type = isBlank(input.type) ? undefined : input.type;
	if (typeof type !== 'string' || !(IDENTITY_TYPES as readonly string[]).includes(type)) {
		throw new InputError('Identity Type', `unknown choice ${describe(input.type)} (use one of ${IDENTITY_TYPES.join(', ')})`);
	}
	const field = 'Identity';
	let value: string;
	if (type === 'email') value = requiredEmail(input.identifier, field);
	else if (type === 'mobile') {
		value = mobile(input.identifier, field) ?? '';
		if (value === '') throw new InputError(field, 'is required');
	} else value = identifier(input.identifier, field);
	return { identity: { type, identifier: value } };
}

export const properties: INodeProperties[] = [
	...identifierFields,
	{
		displayName: 'Identity Type',
		name: 'identityType',
		type: 'options',
		default: 'email',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Instagram', value: 'instagram' },
			{ name: 'Instagram-Scoped ID (IGSID)', value: 'igsid' },
			{ name: 'Mobile', value: 'mobile' },
			{ name: 'Twitter', value: 'twitter' },
		],
		description: 'Kind of identity to add (Facebook identities cannot be added through the API)',
	},
	{
		displayName: 'Identity',
		name: 'identity',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'other@email.com',
		description:
			'The email, mobile number (E.164, e.g. +12223334444) or handle to add. WARNING: if another contact already has this identity, Re:amaze MOVES it to this contact, together with all its messages and data.',
	},
];

export const addIdentity: Operation = {
	properties,
	// Items changing the same object run one after another, in input order.
	sequenceKey: keyFromParameters(['contactIdentifier']),
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const address = readContactAddress(context, itemIndex);
		const body = buildAddIdentityBody({
			type: context.getNodeParameter('identityType', itemIndex, 'email'),
			identifier: context.getNodeParameter('identity', itemIndex, ''),
		});
		const response = await reamazeRequest(context, {
			method: 'POST',
			path: ['contacts', address.identifier, 'identities'],
			qs: address.qs,
			body,
			itemIndex,
			notFound: address.notFound,
			policy: readOptions(context, itemIndex),
		});
		return expectObject(context, response, itemIndex, 'the added identity');
	},
};
