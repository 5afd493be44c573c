/** §9.8 macro apply: the body's actions are applied, the answer is not enveloped. */
import { conversationFor, type Ctx, intParam, Raw, route, type RouteDef } from '../context.ts';
import { assignTeam, assignUser, setPriority, setStatus, setTags } from '../domain.ts';
import { ApiError, denied, input, MSG, notFound } from '../errors.ts';
import { goJson } from '../json.ts';

/** [AUTO-M] ActionPermissions for the types a macro may carry. */
const ACTION_PERMISSIONS: Record<string, string> = {
	assign_team: 'conversations:update_team_assignee',
	assign_user: 'conversations:update_user_assignee',
	set_status: 'conversations:update_status',
	set_priority: 'conversations:update_priority',
	add_tags: 'conversations:update_tags',
	set_tags: 'conversations:update_tags',
	remove_tags: 'conversations:update_tags',
};

interface Action {
	type: string;
	value: string[];
}

function decodeActions(ctx: Ctx): Action[] {
	const fail = (detail: string) => new ApiError(400, MSG.somethingWrong, 'InputException', detail);
	if (!ctx.body.isJson) return [];
	if (ctx.body.jsonError) throw fail('invalid character in JSON');
	const value = ctx.body.json;
	if (value === null) return [];
	if (!Array.isArray(value)) throw fail('json: cannot unmarshal object into Go value of type []models.RuleAction');
	return value.map((item) => {
		if (item === null) return { type: '', value: [] };
		if (typeof item !== 'object' || Array.isArray(item)) throw fail('json: cannot unmarshal into Go value of type models.RuleAction');
		const { type, value: values } = item as Record<string, unknown>;
		if (type !== undefined && type !== null && typeof type !== 'string') throw fail('json: cannot unmarshal into Go struct field RuleAction.type of type string');
		if (values !== undefined && values !== null && !(Array.isArray(values) && values.every((v) => typeof v === 'string'))) {
			throw fail('json: cannot unmarshal into Go struct field RuleAction.value of type []string');
		}
		return { type: (type as string | null | undefined) ?? '', value: (values as string[] | null | undefined) ?? [] };
	});
}

/** One action; `false` when it fails (bad id, unknown status), as ApplyAction errors are only counted. */
function apply(ctx: Ctx, action: Action, conversation: ReturnType<typeof conversationFor>): boolean {
	const { state, actor } = ctx;
	const first = action.value[0] ?? '';
	const id = /^\d+$/.test(first) ? Number(first) : 0;
	try {
		switch (action.type) {
			case 'assign_team':
				return assignTeam(state, conversation, id, actor);
			case 'assign_user':
				if (!state.agent(id)) return false;
				assignUser(state, conversation, id, actor);
				return true;
			case 'set_status': {
				const status = state.status(id);
				if (!status) return false;
				setStatus(state, conversation, status.name, status.name === 'Snoozed' ? 3600e6 : undefined, actor);
				return true;
			}
			case 'set_priority': {
				const priority = state.priorities.find((p) => p.id === id);
				if (!priority) return false;
				setPriority(state, conversation, priority.name, actor);
				return true;
			}
			default:
				setTags(state, conversation, action.value, action.type as 'add_tags' | 'set_tags' | 'remove_tags', actor);
				return true;
		}
	} catch (error) {
		if (error instanceof ApiError) return false;
		throw error;
	}
}

function applyMacro(ctx: Ctx): Raw {
	const conversation = conversationFor(ctx);
	const macro = ctx.state.macros.find((m) => m.id === intParam(ctx, 'id'));
	if (!macro) throw notFound('Macro not found');
	const actions = decodeActions(ctx);
	const types = new Set<string>();
	for (const action of actions) {
		if (types.has(action.type)) throw input('Duplicate actions not allowed');
		types.add(action.type);
	}
	for (const action of actions) {
		const permission = ACTION_PERMISSIONS[action.type];
		if (!Object.prototype.hasOwnProperty.call(ACTION_PERMISSIONS, action.type)) throw denied(`${action.type} action not allowed`);
		if (!ctx.permissions.includes(permission)) throw denied('Permission denied for some macro actions');
	}
	const succeeded = actions.filter((action) => apply(ctx, action, conversation)).length;
	if (actions.length > 0 && succeeded === 0) throw new ApiError(500, 'Could not apply macro', 'GeneralException');
	macro.usageCount++;
	const json = { 'content-type': 'application/json; charset=utf-8' };
	if (succeeded < actions.length) return new Raw(207, goJson({ message: 'Macro partially applied' }), json);
	return new Raw(200, goJson({ message: 'Macro applied' }), json);
}

export const macroRoutes: RouteDef[] = [route('POST', '/api/v1/conversations/{uuid}/macros/{id}/apply', 'auth', applyMacro)];
