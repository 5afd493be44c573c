/** §9 lookups, §11 SLA, §9.7 settings, §1 health. Plain arrays, no paging. */
import { intParam, route, type RouteDef } from '../context.ts';
import { input, notFound } from '../errors.ts';
import { clone, goMap } from '../json.ts';
import { fullUser, inboxObject, userCompact } from '../serialize.ts';
import type { LibreDeskState } from '../state.ts';
import { ts } from '../time.ts';
import type { CustomAttribute, Macro, Team, View } from '../types.ts';

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const newestUpdated = <T extends { updatedAt: number; id: number }>(a: T, b: T) => b.updatedAt - a.updatedAt || b.id - a.id;

export function teamObject(team: Team): Record<string, unknown> {
	return {
		id: team.id,
		created_at: ts(team.createdAt),
		updated_at: ts(team.updatedAt),
		emoji: team.emoji,
		name: team.name,
		conversation_assignment_type: team.conversationAssignmentType,
		timezone: team.timezone,
		business_hours_id: team.businessHoursId,
		sla_policy_id: team.slaPolicyId,
		max_auto_assigned_conversations: team.maxAutoAssignedConversations,
	};
}

function customAttributeObject(a: CustomAttribute): Record<string, unknown> {
	return {
		id: a.id,
		created_at: ts(a.createdAt),
		updated_at: ts(a.updatedAt),
		name: a.name,
		description: a.description,
		applies_to: a.appliesTo,
		key: a.key,
		values: [...a.values],
		data_type: a.dataType,
		regex: a.regex,
		regex_hint: a.regexHint,
	};
}

/** §9.8: `user_id` / `team_id` are strings. */
export function macroObject(m: Macro): Record<string, unknown> {
	return {
		id: m.id,
		created_at: ts(m.createdAt),
		updated_at: ts(m.updatedAt),
		name: m.name,
		actions: m.actions.map((a) => ({ type: a.type, value: [...a.value], display_value: [...a.display_value] })),
		visibility: m.visibility,
		visible_when: [...m.visibleWhen],
		message_content: m.messageContent,
		user_id: m.userId === null ? null : String(m.userId),
		team_id: m.teamId === null ? null : String(m.teamId),
		usage_count: m.usageCount,
	};
}

function viewObject(v: View): Record<string, unknown> {
	return {
		id: v.id,
		created_at: ts(v.createdAt),
		updated_at: ts(v.updatedAt),
		name: v.name,
		filters: clone(v.filters),
		visibility: v.visibility,
		user_id: v.userId,
		team_id: v.teamId,
	};
}

/** §9.7: a flat map with dotted keys (so sorted). */
export function generalSettings(state: LibreDeskState): Record<string, unknown> {
	return goMap(
		{
			'app.allowed_file_upload_extensions': [...state.settings.allowedFileUploadExtensions],
			'app.lang': 'en-US',
			'app.max_file_upload_size': state.settings.maxFileUploadSizeMb,
			'app.restart_required': false,
			'app.root_url': state.settings.rootUrl,
			'app.site_name': 'LibreDesk Sandbox',
			'app.timezone': 'UTC',
			'app.update': null,
			'app.version': state.version,
		},
		false,
	);
}

export const lookupRoutes: RouteDef[] = [
	route('GET', '/health', 'none', () => true),
	route('GET', '/api/v1/inboxes', 'auth', (ctx) => ctx.state.inboxes.map(inboxObject)),
	route('GET', '/api/v1/teams/compact', 'auth', (ctx) => [...ctx.state.teams].sort(byName).map((t) => ({ id: t.id, name: t.name, emoji: t.emoji }))),
	route('GET', '/api/v1/teams', 'teams:manage', (ctx) => ctx.state.teams.map(teamObject)),
	route('GET', '/api/v1/teams/{id}', 'teams:manage', (ctx) => {
		const team = ctx.state.team(intParam(ctx, 'id'));
		if (!team) throw input('Team not found');
		return teamObject(team);
	}),
	route('GET', '/api/v1/agents/compact', 'auth', (ctx) => ctx.state.agents().filter((u) => u.type !== 'system').map(userCompact)),
	route('GET', '/api/v1/agents/me', 'auth', (ctx) => fullUser(ctx.state, ctx.actor)),
	route('GET', '/api/v1/agents/me/teams', 'auth', (ctx) =>
		ctx.actor.teamIds
			.map((id) => ctx.state.team(id))
			.filter((t) => t !== undefined)
			.map(teamObject),
	),
	route('GET', '/api/v1/agents', 'users:manage', (ctx) =>
		ctx.state
			.agents()
			.filter((u) => u.type === 'agent')
			.sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id)
			.map(userCompact),
	),
	route('GET', '/api/v1/agents/{id}', 'users:manage', (ctx) => {
		const agent = ctx.state.agent(intParam(ctx, 'id'));
		if (!agent) throw notFound('User not found');
		return fullUser(ctx.state, agent);
	}),
	route('GET', '/api/v1/tags', 'auth', (ctx) => [...ctx.state.tags].sort(byName).map((t) => ({ id: t.id, created_at: ts(t.createdAt), updated_at: ts(t.updatedAt), name: t.name }))),
	route('GET', '/api/v1/statuses', 'auth', (ctx) => ctx.state.statuses.map((s) => ({ id: s.id, created_at: ts(s.createdAt), name: s.name, category: s.category }))),
	route('GET', '/api/v1/priorities', 'auth', (ctx) => ctx.state.priorities.map((p) => ({ id: p.id, created_at: ts(p.createdAt), name: p.name }))),
	route('GET', '/api/v1/custom-attributes', 'auth', (ctx) => {
		const appliesTo = ctx.query.get('applies_to') ?? '';
		return ctx.state.customAttributes
			.filter((a) => appliesTo === '' || a.appliesTo === appliesTo)
			.sort(newestUpdated)
			.map(customAttributeObject);
	}),
	route('GET', '/api/v1/macros', 'auth', (ctx) => [...ctx.state.macros].sort(newestUpdated).map(macroObject)),
	route('GET', '/api/v1/views/me', 'view:manage', (ctx) => ctx.state.views.filter((v) => v.visibility === 'user' && v.userId === ctx.actor.id).map(viewObject)),
	route('GET', '/api/v1/views/shared', 'auth', (ctx) =>
		ctx.state.views.filter((v) => v.visibility === 'all' || (v.visibility === 'team' && v.teamId !== null && ctx.actor.teamIds.includes(v.teamId))).map(viewObject),
	),
	route('GET', '/api/v1/sla', 'auth', (ctx) =>
		ctx.state.slas.map((s) => ({
			id: s.id,
			created_at: ts(s.createdAt),
			updated_at: ts(s.updatedAt),
			name: s.name,
			description: s.description,
			first_response_time: s.firstResponseTime,
			next_response_time: s.nextResponseTime,
			resolution_time: s.resolutionTime,
			notifications: clone(s.notifications),
		})),
	),
	route('GET', '/api/v1/settings/general', 'auth', (ctx) => generalSettings(ctx.state)),
];
