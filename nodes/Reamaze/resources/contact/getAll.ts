import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields, rowsOf } from '../../../shared/parameters';
import { compact, describe, email, fieldSet, type Raw, text } from '../../../shared/validate';
import { keyValueField } from '../../helpers/fields';
import { flatData } from '../../helpers/payload';
import { reamazeList } from '../../transport';

export interface ContactFilters {
	q?: Raw;
	exactEmail?: Raw;
	sort?: Raw;
	type?: Raw;
	customData?: Raw;
}

function choice(value: Raw, field: string, allowed: string[]): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError(field, `unknown choice ${describe(value)} (use one of ${allowed.join(', ')})`);
	}
	return value;
}

/** The email the node compares itself, ignoring case, because `q` matches loosely (§2.6). */
export function exactEmailOf(filters: ContactFilters): string | undefined {
	return email(filters.exactEmail, 'Exact Email')?.toLowerCase();
}

/** GET /contacts query (reamaze-api.md §2.6, get_contacts). Pure. */
export function buildContactQuery(filters: ContactFilters): IDataObject {
	const exact = exactEmailOf(filters);
	const query: IDataObject = compact({
		// Without a search text, the exact email narrows the list on the server side too.
		q: text(filters.q, 'Search')?.trim() || exact,
		sort: choice(filters.sort, 'Sort', ['date']),
		type: choice(filters.type, 'Only With', ['email', 'mobile']),
	});
	const data = flatData(undefined, rowsOf(filters.customData), 'Customer Data');
	for (const [key, value] of Object.entries(data ?? {})) query[`data[${key}]`] = value;
	return query;
}

export function matchesEmail(contact: IDataObject, exact: string): boolean {
	return typeof contact.email === 'string' && contact.email.trim().toLowerCase() === exact;
}

export const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			keyValueField('Customer Data', 'customData', 'Only contacts whose Customer Data Attributes have these values'),
			{
				displayName: 'Exact Email',
				name: 'exactEmail',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description:
					'Only the contact whose email is exactly this (ignoring case). Re:amaze\'s search matches loosely, so the node compares the results itself.',
			},
			{
				displayName: 'Only With',
				name: 'type',
				type: 'options',
				default: '',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Email Address', value: 'email' },
					{ name: 'Mobile Number', value: 'mobile' },
				],
				description: 'Only contacts that have an email address, or a mobile number',
			},
			{
				displayName: 'Search',
				name: 'q',
				type: 'string',
				default: '',
				description: 'Free text matched loosely against name and email',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: '',
				options: [
					{ name: 'Date Created (Newest First)', value: 'date' },
					{ name: 'Name (Default)', value: '' },
				],
			},
		],
	},
];

export const getManyContacts: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: ContactFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		const qs = buildContactQuery(filters);
		const exact = exactEmailOf(filters);
		return await reamazeList(context, {
			path: ['contacts'],
			qs,
			itemsKey: 'contacts',
			paged: true,
			limit: readLimit(context, itemIndex),
			keep: exact === undefined ? undefined : (contact) => matchesEmail(contact, exact),
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
	},
};
