/** §5.3 conversation lists: all, assigned, unassigned, mentioned, team unassigned, view. */
import { type Ctx, has, intParam, route, type RouteDef } from '../context.ts';
import { ApiError, denied, general, notFound } from '../errors.ts';
import { type Cell, compileFilters, FilterError } from '../filters.ts';
import { type OrderSpec, pageObject, pagination, parseOrder, sortRows } from '../paging.ts';
import { conversationListItem } from '../serialize.ts';
import type { LibreDeskState } from '../state.ts';
import type { Conversation, User } from '../types.ts';
import { supports } from '../versions.ts';

/** §3 "Conversation sort/filter fields". */
export function conversationFields(version: string): Record<string, readonly string[]> {
	const fields = [
		'status_id',
		'priority_id',
		'assigned_team_id',
		'assigned_user_id',
		'inbox_id',
		'last_message_at',
		'last_interaction_at',
		'last_interaction_sender',
		'created_at',
		'waiting_since',
		'next_sla_deadline_at',
		'sla_policy_id',
	];
	if (supports(version, 'snoozedUntilField')) fields.push('snoozed_until');
	return { conversations: fields, conversation_statuses: ['id', 'name'], users: ['email', 'external_user_id'], inboxes: ['channel'] };
}

const num = (value: number | null): Cell => (value === null ? null : { kind: 'number', value });
const time = (value: number | null): Cell => (value === null ? null : { kind: 'time', value });
const text = (value: string | null): Cell => (value === null ? null : { kind: 'text', value });

export function conversationCell(state: LibreDeskState) {
	return (c: Conversation, model: string, field: string): Cell => {
		if (model === 'conversation_statuses') return field === 'id' ? num(c.statusId) : text(state.status(c.statusId)?.name ?? null);
		if (model === 'users') {
			const contact = state.users.find((u) => u.id === c.contactId);
			return text(field === 'email' ? (contact?.email ?? null) : (contact?.externalUserId ?? null));
		}
		if (model === 'inboxes') return text(state.inbox(c.inboxId)?.channel ?? null);
		switch (field) {
			case 'status_id':
				return num(c.statusId);
			case 'priority_id':
				return num(c.priorityId);
			case 'assigned_team_id':
				return num(c.assignedTeamId);
			case 'assigned_user_id':
				return num(c.assignedUserId);
			case 'inbox_id':
				return num(c.inboxId);
			case 'sla_policy_id':
				return num(c.slaPolicyId);
			case 'last_message_at':
				return time(c.lastMessageAt);
			case 'last_interaction_at':
				return time(c.lastInteractionAt);
			case 'created_at':
				return time(c.createdAt);
			case 'waiting_since':
				return time(c.waitingSince);
			case 'next_sla_deadline_at':
				return time(c.nextSlaDeadlineAt);
			case 'snoozed_until':
				return time(c.snoozedUntil);
			case 'last_interaction_sender':
				return text(c.lastInteractionSender);
			default:
				return null;
		}
	};
}

/** §3 "Tag filter": value = JSON array of tag IDs; contains = any of them, not contains = none. */
function tagFilter(operator: string, value: string) {
	if (operator === 'set') return (c: Conversation) => c.tagIds.length > 0;
	if (operator === 'not set') return (c: Conversation) => c.tagIds.length === 0;
	if (operator !== 'contains' && operator !== 'not contains') throw new FilterError(`invalid operator for tags: ${operator}`);
	let ids: unknown;
	try {
		ids = JSON.parse(value);
	} catch {
		throw new FilterError('invalid tag IDs');
	}
	if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id))) throw new FilterError('invalid tag IDs');
	if (ids.length === 0) return () => true;
	const negate = operator === 'not contains';
	return (c: Conversation) => c.tagIds.some((id) => (ids as number[]).includes(id)) !== negate;
}

type Scope = (c: Conversation) => boolean;

const listCaches = new WeakMap<LibreDeskState, { writes: number; rows: Map<string, Conversation[]> }>();

/**
 * The list's rows, filtered and sorted: from the cache when the sandbox keeps lists (`listCache`) and
 * nothing was written since, else computed. `scopeKey` names what the scope depends on (route, agent,
 * team, view, permissions), so two different lists never share an entry.
 */
function keptRows(ctx: Ctx, scopeKey: string, filtersText: string | null, order: OrderSpec, compute: () => Conversation[]): Conversation[] {
	const { state } = ctx;
	if (!state.listCache) return compute();
	let cache = listCaches.get(state);
	if (!cache || cache.writes !== state.writes) {
		cache = { writes: state.writes, rows: new Map() };
		listCaches.set(state, cache);
	}
	const key = JSON.stringify([scopeKey, filtersText, order]);
	let rows = cache.rows.get(key);
	if (!rows) {
		rows = compute();
		cache.rows.set(key, rows);
	}
	return rows;
}

/** Sorting, filtering and paging shared by every list; `filtersText` null = the view's stored filters. */
function list(ctx: Ctx, scope: Scope, scopeKey: string, filtersText: string | null, mentioned: boolean): Record<string, unknown> {
	const { state } = ctx;
	const { page, pageSize } = pagination(ctx.query, 'conversations', state.version);
	const fields = conversationFields(state.version);
	const cell = conversationCell(state);
	const order = parseOrder(ctx.query.get('order_by') || 'conversations.last_message_at', ctx.query.get('order') || 'DESC', fields);
	try {
		const predicate = compileFilters(filtersText, {
			allowed: fields,
			cell,
			custom: supports(state.version, 'groupedFilters') ? { 'conversations.tags': tagFilter } : undefined,
			groups: supports(state.version, 'groupedFilters'),
		});
		const sorted = keptRows(ctx, scopeKey, filtersText, order, () =>
			sortRows(
				state.conversations.filter((c) => scope(c) && (!predicate || predicate(c))),
				order,
				cell,
			),
		);
		return pageObject(sorted, page, pageSize, (c) => conversationListItem(state, c, ctx.actor, mentioned));
	} catch (error) {
		if (error instanceof FilterError) throw general();
		throw error;
	}
}

const filtersOf = (ctx: Ctx) => ctx.query.get('filters') ?? '';

function mentionsViewer(viewer: User): Scope {
	return (c) => c.mentions.some((m) => m.userId === viewer.id || (m.teamId !== null && viewer.teamIds.includes(m.teamId)));
}

/** The view route ORs together the lists the agent may read (§5.3). */
function permittedScope(ctx: Ctx): Scope {
	const viewer = ctx.actor;
	const scopes: Scope[] = [];
	if (has(ctx, 'conversations:read_all')) return () => true;
	if (has(ctx, 'conversations:read_assigned')) scopes.push((c) => c.assignedUserId === viewer.id);
	if (has(ctx, 'conversations:read_unassigned')) scopes.push((c) => c.assignedUserId === null && c.assignedTeamId === null);
	if (has(ctx, 'conversations:read_team_all')) scopes.push((c) => c.assignedTeamId !== null && viewer.teamIds.includes(c.assignedTeamId));
	else if (has(ctx, 'conversations:read_team_inbox')) scopes.push((c) => c.assignedTeamId !== null && viewer.teamIds.includes(c.assignedTeamId) && c.assignedUserId === null);
	return (c) => scopes.some((s) => s(c));
}

export const conversationListRoutes: RouteDef[] = [
	route('GET', '/api/v1/conversations/all', 'conversations:read_all', (ctx) => list(ctx, () => true, 'all', filtersOf(ctx), false)),
	route('GET', '/api/v1/conversations/assigned', 'conversations:read_assigned', (ctx) => list(ctx, (c) => c.assignedUserId === ctx.actor.id, `assigned ${ctx.actor.id}`, filtersOf(ctx), false)),
	route('GET', '/api/v1/conversations/unassigned', 'conversations:read_unassigned', (ctx) =>
		list(ctx, (c) => c.assignedUserId === null && c.assignedTeamId === null, 'unassigned', filtersOf(ctx), false),
	),
	route('GET', '/api/v1/conversations/mentioned', 'conversations:read', (ctx) => list(ctx, mentionsViewer(ctx.actor), `mentioned ${ctx.actor.id} ${ctx.actor.teamIds.join(',')}`, filtersOf(ctx), true)),
	route('GET', '/api/v1/teams/{id}/conversations/unassigned', 'conversations:read_team_inbox', (ctx) => {
		const teamId = intParam(ctx, 'id');
		if (!ctx.actor.teamIds.includes(teamId)) throw denied("You're not a member of this team, Please refresh the page and try again");
		return list(ctx, (c) => c.assignedTeamId === teamId && c.assignedUserId === null, `team ${teamId}`, filtersOf(ctx), false);
	}),
	route('GET', '/api/v1/views/{id}/conversations', 'conversations:read', (ctx) => {
		const view = ctx.state.views.find((v) => v.id === intParam(ctx, 'id'));
		if (!view) throw notFound('View not found');
		const visible = view.visibility === 'all' || (view.visibility === 'user' && view.userId === ctx.actor.id) || (view.visibility === 'team' && view.teamId !== null && ctx.actor.teamIds.includes(view.teamId));
		if (!visible) throw new ApiError(403, 'You do not have access to this view', 'PermissionException');
		return list(ctx, permittedScope(ctx), `view ${ctx.actor.id} ${ctx.actor.teamIds.join(',')} ${ctx.permissions.join(',')}`, JSON.stringify(view.filters ?? []), false);
	}),
];
