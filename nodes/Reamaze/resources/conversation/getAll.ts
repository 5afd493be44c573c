import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields, rowsOf, simplifyField } from '../../../shared/parameters';
import { compact, dateTime, describe, email, fieldSet, integer, list, type Raw, text } from '../../../shared/validate';
import { keyValueField, STATUS_OPTIONS } from '../../helpers/fields';
import { channelLocatorValue } from '../../helpers/locator';
import { flatData } from '../../helpers/payload';
import { channelField } from '../../helpers/pickers';
import { simplifyConversation } from '../../helpers/simplify';
import { reamazeList, SCAN_MAX_PAGES } from '../../transport';

const ARCHIVED = 4;

export interface ConversationFilters {
	filter?: Raw;
	for?: Raw;
	forId?: Raw;
	sort?: Raw;
	tags?: Raw;
	/** The Channel locator's value. */
	channel?: Raw;
	customFields?: Raw;
	startDate?: Raw;
	endDate?: Raw;
	origin?: Raw;
	statuses?: Raw;
	/** Not a query parameter: the page budget of the Status scan. */
	maxScanPages?: Raw;
}

function choice(value: Raw, field: string, allowed: string[]): string | undefined {
	if (value === undefined || value === '') return undefined;
	if (typeof value !== 'string' || !allowed.includes(value)) {
		throw new InputError(field, `unknown choice ${describe(value)} (use one of ${allowed.join(', ')})`);
	}
	return value;
}

export function statusSet(value: Raw): Set<number> | undefined {
	if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return undefined;
	const entries = Array.isArray(value) ? value : [value];
	return new Set(entries.map((entry) => integer(entry, 'Status') as number));
}

/** GET /conversations query (reamaze-api.md §2.1). Pure. */
export function buildConversationQuery(filters: ConversationFilters): IDataObject {
	const statuses = statusSet(filters.statuses);
	let filter = choice(filters.filter, 'Filter', ['archived', 'open', 'unassigned', 'all']);
	// The list hides archived conversations by default; a status filter that asks for them needs all.
	if (filter === undefined && statuses?.has(ARCHIVED)) filter = 'all';
	const query: IDataObject = compact({
		filter,
		for: email(filters.for, 'For Customer Email'),
		for_id: text(filters.forId, 'For User ID')?.trim(),
		sort: choice(filters.sort, 'Sort', ['updated', 'changed']),
		tag: list(filters.tags, 'Tags')?.join(','),
		category: text(channelLocatorValue(filters.channel, 'Channel'), 'Channel')?.trim(),
		start_date: dateTime(filters.startDate, 'Start Date'),
		end_date: dateTime(filters.endDate, 'End Date'),
		origin: text(filters.origin, 'Origin')?.trim(),
	});
	const data = flatData(undefined, rowsOf(filters.customFields), 'Custom Fields');
	for (const [key, value] of Object.entries(data ?? {})) query[`data[${key}]`] = value;
	return query;
}

export const properties: INodeProperties[] = [
	...returnAllFields(),
	simplifyField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ ...channelField, description: 'Only conversations of this channel' },
			keyValueField('Custom Fields', 'customFields', 'Only conversations whose custom fields have these values'),
			{
				displayName: 'End Date',
				name: 'endDate',
				type: 'dateTime',
				default: '',
				description: 'Latest time of the last customer message (Re:amaze filters on that, not on creation)',
			},
			{
				displayName: 'Filter',
				name: 'filter',
				type: 'options',
				default: '',
				options: [
					{ name: 'All (Including Archived)', value: 'all' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Default (All but Archived)', value: '' },
					{ name: 'Open (Unresolved)', value: 'open' },
					{ name: 'Unassigned', value: 'unassigned' },
				],
			},
			{
				displayName: 'For Customer Email',
				name: 'for',
				type: 'string',
				default: '',
				placeholder: 'name@email.com',
				description: 'Only conversations this user can see (including ones they were copied on)',
			},
			{
				displayName: 'For User ID',
				name: 'forId',
				type: 'string',
				default: '',
				description: 'Only conversations of the customer with this SSO user ID',
			},
			{
				displayName: 'Max Pages to Scan',
				name: 'maxScanPages',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: SCAN_MAX_PAGES,
				description:
					'With Status: the most pages of 30 conversations the node reads to find matches. When they run out before the limit is reached, the node fails with a message instead of returning a partial list.',
			},
			{
				displayName: 'Origin',
				name: 'origin',
				type: 'string',
				default: '',
				placeholder: 'email',
				description: 'Only conversations from this origin (e.g. email, chat, api, sms), passed to the API as written',
			},
			{
				displayName: 'Sort',
				name: 'sort',
				type: 'options',
				default: '',
				options: [
					{ name: 'Changed (Any Change, Newest First)', value: 'changed' },
					{ name: 'Created (Default)', value: '' },
					{ name: 'Updated (Last Customer Message, Newest First)', value: 'updated' },
				],
			},
			{
				displayName: 'Start Date',
				name: 'startDate',
				type: 'dateTime',
				default: '',
				description: 'Earliest time of the last customer message',
			},
			{
				displayName: 'Status',
				name: 'statuses',
				type: 'multiOptions',
				options: STATUS_OPTIONS,
				default: [],
				description:
					'Only conversations with these statuses. Applied by the node to each page, because the API has no status filter beyond Filter.',
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'refund, vip',
				description: 'Comma-separated tags',
			},
		],
	},
];

export const getManyConversations: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const filters: ConversationFilters = fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters');
		const qs = buildConversationQuery(filters);
		const statuses = statusSet(filters.statuses);
		const maxScanPages = integer(filters.maxScanPages, 'Max Pages to Scan');
		if (maxScanPages !== undefined && maxScanPages < 1) throw new InputError('Max Pages to Scan', 'must be 1 or more');
		const conversations = await reamazeList(context, {
			path: ['conversations'],
			qs,
			itemsKey: 'conversations',
			paged: true,
			limit: readLimit(context, itemIndex),
			keep: statuses ? (conversation) => statuses.has(conversation.status as number) : undefined,
			// Only a Status scan has a budget: plain lists end by the API's page count.
			maxPages: statuses ? (maxScanPages ?? SCAN_MAX_PAGES) : undefined,
			scan: {
				filter: 'the Status filter',
				items: 'conversations',
				advice: `Re:amaze cannot filter by status, so the node reads the list page by page and keeps the matches, at most Max Pages to Scan (${maxScanPages ?? SCAN_MAX_PAGES}) pages of 30. Narrow the list with filters Re:amaze applies itself (Filter, Channel, Tags, Start Date, End Date, Custom Fields), or raise Max Pages to Scan.`,
			},
			itemIndex,
			policy: readOptions(context, itemIndex),
		});
		const simplify = context.getNodeParameter('simplify', itemIndex, true) === true;
		return simplify ? conversations.map(simplifyConversation) : conversations;
	},
};
