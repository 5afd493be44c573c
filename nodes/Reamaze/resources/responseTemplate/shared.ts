import type { INodeProperties } from 'n8n-workflow';

import { boolean, identifier, type Raw } from '../../../shared/validate';

export const responseTemplateIdField: INodeProperties = {
	displayName: 'Response Template ID',
	name: 'responseTemplateId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '1234',
	description: 'The ID of the response template, as Get Many returns it',
};

export function templateId(value: Raw): string {
	return identifier(value, 'Response Template ID');
}

/** `is_personal` is documented as 0/1 (reamaze-api.md §3.5), not as a boolean. */
export function personalFlag(value: Raw, field: string): 0 | 1 | undefined {
	if (value === undefined || value === '') return undefined;
	return boolean(value, field) ? 1 : 0;
}

export const personalField: INodeProperties = {
	displayName: 'Personal',
	name: 'isPersonal',
	type: 'boolean',
	default: false,
	description:
		'Whether the template belongs only to the user of the credential (a personal template) instead of the whole brand',
};
