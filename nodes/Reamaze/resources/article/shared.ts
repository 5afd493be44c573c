import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import { describe, identifier, integer, type Raw } from '../../../shared/validate';

// §3.5 (from the Go lib): 0 published, 1 draft, 2 internal.
export const ARTICLE_STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Draft (1)', value: 1, description: 'Not visible in the help center yet' },
	{ name: 'Internal (2)', value: 2, description: 'Visible to staff only' },
	{ name: 'Published (0)', value: 0, description: 'Visible in the help center' },
];

export function articleStatus(value: Raw, field: string): number | undefined {
	const status = integer(value, field);
	if (status !== undefined && status > 2) {
		throw new InputError(field, `unknown article status ${describe(value)} (use 0 published, 1 draft or 2 internal)`);
	}
	return status;
}

export const articleStatusField: INodeProperties = {
	displayName: 'Status',
	name: 'status',
	type: 'options',
	options: ARTICLE_STATUS_OPTIONS,
	default: 0,
};

export const articleSlugField: INodeProperties = {
	displayName: 'Article Slug',
	name: 'articleSlug',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'refund-policy',
	description: 'The "slug" of the article: the last part of its help-center URL',
};

export function articleSlug(value: Raw): string {
	return identifier(value, 'Article Slug');
}
