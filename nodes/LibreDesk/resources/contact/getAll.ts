import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields } from '../../../shared/parameters';
import { fieldSet } from '../../../shared/validate';
import { libreDeskList, type ListRequest } from '../../transport';
import { CONTACT_PERMISSIONS } from './common';
import { buildContactListQuery, type ContactListFilters, emailMatches, emailNeedles } from './listQuery';

const DAY_HINT = 'Whole days in the LibreDesk server\'s time zone, inclusive';

export const properties: INodeProperties[] = [
	...returnAllFields(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Created From',
				name: 'createdFrom',
				type: 'dateTime',
				default: '',
				description: `Only contacts created on or after this day. ${DAY_HINT}.`,
			},
			{
				displayName: 'Created To',
				name: 'createdTo',
				type: 'dateTime',
				default: '',
				description: `Only contacts created on or before this day. ${DAY_HINT}.`,
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Only the contact with exactly this email address (ignoring case)',
			},
			{
				displayName: 'Email Contains',
				name: 'emailContains',
				type: 'string',
				default: '',
				placeholder: '@example.com',
				description: 'Only contacts whose email address contains this text (ignoring case)',
			},
			{
				displayName: 'Updated From',
				name: 'updatedFrom',
				type: 'dateTime',
				default: '',
				description: `Only contacts last changed on or after this day. ${DAY_HINT}.`,
			},
			{
				displayName: 'Updated To',
				name: 'updatedTo',
				type: 'dateTime',
				default: '',
				description: `Only contacts last changed on or before this day. ${DAY_HINT}.`,
			},
		],
	},
	{
		displayName: 'Sort By',
		name: 'sortBy',
		type: 'options',
		default: 'users.created_at',
		options: [
			{ name: 'Created At', value: 'users.created_at' },
			{ name: 'Email', value: 'users.email' },
			{ name: 'Updated At', value: 'users.updated_at' },
		],
		description: 'The order contacts are read in. LibreDesk has no order of its own for contacts, so one is always sent.',
	},
	{
		displayName: 'Sort Order',
		name: 'sortOrder',
		type: 'options',
		default: 'desc',
		options: [
			{ name: 'Ascending', value: 'asc' },
			{ name: 'Descending', value: 'desc' },
		],
	},
];

/**
 * GET /api/v1/contacts (§8.1): the page object (§3), read until the limit, a short page or an empty
 * one. Lists contacts and visitors that have an email address; phone-only contacts are not listed.
 */
export const getManyContacts: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: ContactListFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		const qs = buildContactListQuery(filters, {
			sortBy: context.getNodeParameter('sortBy', itemIndex, 'users.created_at'),
			sortOrder: context.getNodeParameter('sortOrder', itemIndex, 'desc'),
		});
		const needles = emailNeedles(filters);
		const limit = readLimit(context, itemIndex);
		const request: ListRequest = {
			path: ['contacts'],
			qs,
			limit,
			permission: CONTACT_PERMISSIONS.list,
			itemIndex,
			policy: readOptions(context, itemIndex),
		};
		if (needles.exact === undefined && needles.contains === undefined) return await libreDeskList(context, request);
		// The server's `ilike` reads `_` and `%` as wildcards (§8.1), so the node drops the extra
		// contacts it lets through; they do not count towards the limit.
		return await libreDeskList(context, { ...request, keep: (contact) => emailMatches(contact, needles) });
	},
};
