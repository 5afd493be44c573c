import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputError } from '../../../shared/errors';
import type { Operation } from '../../../shared/operation';
import { readOptions } from '../../../shared/options';
import { readLimit, returnAllFields, simplifyField } from '../../../shared/parameters';
import { day, describe, fieldSet, list, type Raw } from '../../../shared/validate';
import { teamField, viewField } from '../../helpers/pickers';
import { simplifyConversation } from '../../helpers/simplify';
import { libreDeskList, serverSettings, versionAtLeast } from '../../transport';
import { positiveId } from './create';

export type Scope = 'all' | 'assigned' | 'unassigned' | 'mentioned' | 'team' | 'view';

export interface ConversationListInput {
	scope: Raw;
	teamId?: Raw;
	viewId?: Raw;
	sort?: Raw;
	filters: {
		statuses?: Raw;
		priorities?: Raw;
		inboxes?: Raw;
		agents?: Raw;
		teams?: Raw;
		tags?: Raw;
		createdFrom?: Raw;
		createdTo?: Raw;
		lastMessageFrom?: Raw;
		lastMessageTo?: Raw;
	};
}

/** The UI's sort presets (§3): the only `order_by` values a user picks, all in the allow-list. */
export const SORTS: Record<string, { order_by: string; order: 'asc' | 'desc' }> = {
	newestActivity: { order_by: 'conversations.last_message_at', order: 'desc' },
	oldestActivity: { order_by: 'conversations.last_message_at', order: 'asc' },
	newestCreated: { order_by: 'conversations.created_at', order: 'desc' },
	oldestCreated: { order_by: 'conversations.created_at', order: 'asc' },
	waitingLongest: { order_by: 'conversations.waiting_since', order: 'asc' },
	nextSlaDeadline: { order_by: 'conversations.next_sla_deadline_at', order: 'asc' },
	priorityFirst: { order_by: 'conversations.priority_id', order: 'desc' },
};

/** Route and permission of each list (§4.1, §5.3). */
function scopeRoute(input: ConversationListInput): { path: string[]; permission: string; notFound?: string; since?: string; scope: Scope } {
	const scope = input.scope === undefined || input.scope === '' ? 'all' : input.scope;
	switch (scope) {
		case 'all':
		case 'assigned':
		case 'unassigned':
			return { path: ['conversations', scope as string], permission: `conversations:read_${scope as string}`, scope: scope as Scope };
		case 'mentioned':
			return { path: ['conversations', 'mentioned'], permission: 'conversations:read', since: 'v0.10.0', scope: 'mentioned' };
		case 'team': {
			const team = positiveId(input.teamId, 'Team');
			if (team === undefined) throw new InputError('Team', 'is required for the team list');
			return {
				path: ['teams', String(team), 'conversations', 'unassigned'],
				permission: 'conversations:read_team_inbox',
				scope: 'team',
			};
		}
		case 'view': {
			const view = positiveId(input.viewId, 'View');
			if (view === undefined) throw new InputError('View', 'is required for the view list');
			return { path: ['views', String(view), 'conversations'], permission: 'conversations:read', notFound: `no view with ID ${view}`, scope: 'view' };
		}
		default:
			throw new InputError('List', `unknown choice ${describe(scope)}`);
	}
}

function ids(value: Raw, field: string): string[] | undefined {
	return list(value, field)?.map((entry) => {
		const id = Number(entry);
		if (!Number.isInteger(id) || id <= 0) throw new InputError(field, `${describe(entry)} is not an ID`);
		return String(id);
	});
}

function shiftDay(value: string, days: number): string {
	const [y, m, d] = value.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * An inclusive day range on a timestamp column. §3: `between` with two days is inclusive; a bare day
 * is a whole day in the server's time zone, so an open start is "greater than the day before" and an
 * open end "less than the day after".
 */
function dayRange(field: string, from: Raw, to: Raw, labels: [string, string]): IDataObject | undefined {
	const start = day(from, labels[0]);
	const end = day(to, labels[1]);
	const condition = (operator: string, value: string) => ({ model: 'conversations', field, operator, value });
	if (start && end) {
		if (start > end) throw new InputError(labels[1], `is before ${labels[0]}`);
		return condition('between', `${start},${end}`);
	}
	if (start) return condition('greater than', shiftDay(start, -1));
	if (end) return condition('less than', shiftDay(end, 1));
	return undefined;
}

function inCondition(model: string, field: string, values: string[] | undefined): IDataObject | undefined {
	if (!values) return undefined;
	if (values.length > 100) throw new InputError(field, 'accepts at most 100 values (§3)');
	// §3: `value` is always a string; for `in` a JSON array as a string.
	return values.length === 1
		? { model, field, operator: 'equals', value: values[0] }
		: { model, field, operator: 'in', value: JSON.stringify(values) };
}

/**
 * The `filters` conditions (§3, flat array, AND-ed: read by every release). Tags use the tag filter
 * of v2.4.0+ (any of the given tag IDs); the caller checks the version.
 */
export function buildConversationFilters(filters: ConversationListInput['filters']): IDataObject[] {
	const statuses = list(filters.statuses, 'Statuses');
	const tags = ids(filters.tags, 'Tags');
	const conditions = [
		// As the UI filters statuses (§3): by name on the status table.
		inCondition('conversation_statuses', 'name', statuses),
		inCondition('conversations', 'priority_id', ids(filters.priorities, 'Priorities')),
		inCondition('conversations', 'inbox_id', ids(filters.inboxes, 'Inboxes')),
		inCondition('conversations', 'assigned_user_id', ids(filters.agents, 'Assigned Agents')),
		inCondition('conversations', 'assigned_team_id', ids(filters.teams, 'Assigned Teams')),
		tags ? { model: 'conversations', field: 'tags', operator: 'contains', value: `[${tags.join(',')}]` } : undefined,
		dayRange('created_at', filters.createdFrom, filters.createdTo, ['Created From', 'Created To']),
		dayRange('last_message_at', filters.lastMessageFrom, filters.lastMessageTo, ['Last Message From', 'Last Message To']),
	];
	return conditions.filter((condition): condition is IDataObject => condition !== undefined);
}

/** GET of a conversation list (§5.3): path, query (without paging) and the permission it needs. Pure. */
export function buildConversationListRequest(input: ConversationListInput): {
	path: string[];
	qs: IDataObject;
	permission: string;
	notFound?: string;
	since?: string;
	usesTagFilter: boolean;
} {
	const route = scopeRoute(input);
	const sortKey = input.sort === undefined || input.sort === '' ? 'newestActivity' : input.sort;
	const sort = typeof sortKey === 'string' ? SORTS[sortKey] : undefined;
	if (!sort) throw new InputError('Sort', `unknown choice ${describe(sortKey)}`);
	const conditions = buildConversationFilters(input.filters);
	if (route.scope === 'view' && conditions.length > 0) {
		throw new InputError('Filters', 'cannot be used with a view: LibreDesk applies the view\'s own filters (§5.3)');
	}
	const qs: IDataObject = { order_by: sort.order_by, order: sort.order };
	if (conditions.length > 0) qs.filters = JSON.stringify(conditions);
	return {
		path: route.path,
		qs,
		permission: route.permission,
		notFound: route.notFound,
		since: route.since,
		usesTagFilter: conditions.some((condition) => condition.field === 'tags'),
	};
}

const dayHint = 'Whole days in the LibreDesk server\'s time zone, inclusive';

export const properties: INodeProperties[] = [
	{
		displayName: 'List',
		name: 'scope',
		type: 'options',
		default: 'all',
		options: [
			{ name: 'All', value: 'all', description: 'Every conversation (needs conversations:read_all)' },
			{ name: 'Assigned to Me', value: 'assigned', description: 'Assigned to the API key\'s agent' },
			{ name: 'Mentioned', value: 'mentioned', description: 'Where the agent or one of their teams was @-mentioned' },
			{ name: 'Team (Unassigned)', value: 'team', description: 'A team\'s conversations not yet assigned to an agent' },
			{ name: 'Unassigned', value: 'unassigned', description: 'Assigned to no agent and no team' },
			{ name: 'View', value: 'view', description: 'A saved view, with its own filters' },
		],
	},
	{ ...teamField, required: true, displayOptions: { show: { scope: ['team'] } } },
	{ ...viewField, required: true, displayOptions: { show: { scope: ['view'] } } },
	...returnAllFields(),
	simplifyField,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { hide: { scope: ['view'] } },
		options: [
			{
				displayName: 'Assigned Agent Names or IDs',
				name: 'agents',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getAgents' },
				default: [],
				description: 'Only conversations assigned to one of these agents. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Assigned Team Names or IDs',
				name: 'teams',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTeams' },
				default: [],
				description: 'Only conversations of one of these teams. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{ displayName: 'Created From', name: 'createdFrom', type: 'dateTime', default: '', description: `Only conversations created on or after this day. ${dayHint}.` },
			{ displayName: 'Created To', name: 'createdTo', type: 'dateTime', default: '', description: `Only conversations created on or before this day. ${dayHint}.` },
			{
				displayName: 'Inbox Names or IDs',
				name: 'inboxes',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getInboxes' },
				default: [],
				description: 'Only conversations of one of these inboxes. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{ displayName: 'Last Message From', name: 'lastMessageFrom', type: 'dateTime', default: '', description: `Only conversations whose last message is on or after this day. ${dayHint}.` },
			{ displayName: 'Last Message To', name: 'lastMessageTo', type: 'dateTime', default: '', description: `Only conversations whose last message is on or before this day. ${dayHint}.` },
			{
				displayName: 'Priority Names or IDs',
				name: 'priorities',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPriorityIds' },
				default: [],
				description: 'Only conversations with one of these priorities. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Status Names or IDs',
				name: 'statuses',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStatuses' },
				default: [],
				description: 'Only conversations in one of these statuses (by name). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			{
				displayName: 'Tag Names or IDs',
				name: 'tags',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getTagIds' },
				default: [],
				description: 'Only conversations with at least one of these tags (LibreDesk v2.4.0+). Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
	{
		displayName: 'Sort',
		name: 'sort',
		type: 'options',
		default: 'newestActivity',
		options: [
			{ name: 'Newest Activity First', value: 'newestActivity' },
			{ name: 'Newest Created First', value: 'newestCreated' },
			{ name: 'Next SLA Deadline First', value: 'nextSlaDeadline' },
			{ name: 'Oldest Activity First', value: 'oldestActivity' },
			{ name: 'Oldest Created First', value: 'oldestCreated' },
			{ name: 'Priority First', value: 'priorityFirst' },
			{ name: 'Waiting Longest First', value: 'waitingLongest' },
		],
	},
];

export const getManyConversations: Operation = {
	properties,
	async execute(context: IExecuteFunctions, itemIndex: number) {
		const scope = context.getNodeParameter('scope', itemIndex, 'all');
		const request = buildConversationListRequest({
			scope,
			teamId: scope === 'team' ? context.getNodeParameter('teamId', itemIndex, '') : undefined,
			viewId: scope === 'view' ? context.getNodeParameter('viewId', itemIndex, '') : undefined,
			sort: context.getNodeParameter('sort', itemIndex, 'newestActivity'),
			filters: fieldSet(context.getNodeParameter('filters', itemIndex, {}), 'Filters'),
		});
		const limit = readLimit(context, itemIndex);
		const policy = readOptions(context, itemIndex);
		if (request.usesTagFilter) {
			// §13: the tag filter exists since v2.4.0; older servers answer 500 to it.
			const { version } = await serverSettings(context, { itemIndex, policy });
			if (versionAtLeast(version, 'v2.4.0') === false) {
				throw new InputError('Tags', `filtering by tag needs LibreDesk v2.4.0 or later; this server runs ${version}`);
			}
		}
		const conversations = await libreDeskList(context, {
			path: request.path,
			qs: request.qs,
			limit,
			permission: request.permission,
			notFound: request.notFound,
			since: request.since,
			itemIndex,
			policy,
		});
		const simplify = context.getNodeParameter('simplify', itemIndex, true) === true;
		return simplify ? conversations.map(simplifyConversation) : conversations;
	},
};
