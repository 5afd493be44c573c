/** §5.4 status, §5.5 priority, §5.6 assignment, §5.7 tags. Every route answers `true`. */
import { conversationFor, type Ctx, decodeJson, route, type RouteDef } from '../context.ts';
import { assignTeam, assignUser, removeTeam, removeUser, setPriority, setStatus, setTags, type TagAction } from '../domain.ts';
import { parseGoDuration } from '../duration.ts';
import { input, MSG } from '../errors.ts';
import { supports } from '../versions.ts';

function updateStatus(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const req = decodeJson(ctx, { status: 'string', snoozed_until: 'string' });
	if (req.status === '') throw input(MSG.empty('status'));
	let snoozeUs: number | undefined;
	if (req.status === 'Snoozed') {
		// §5.4: a Go duration, not a timestamp; before v2.5.0 the field did not exist (a fixed snooze is assumed).
		if (!supports(ctx.state.version, 'snoozedUntilField')) snoozeUs = 3600e6;
		else {
			if (req.snoozed_until === '') throw input(MSG.empty('snoozed_until'));
			const ns = parseGoDuration(req.snoozed_until);
			if (ns === undefined) throw input(MSG.badRequest);
			if (ns <= 0) throw input('Invalid snooze duration');
			snoozeUs = Math.floor(ns / 1000);
		}
	}
	setStatus(ctx.state, conversation, req.status, snoozeUs, ctx.actor);
	return true;
}

function updatePriority(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const req = decodeJson(ctx, { priority: 'string' });
	if (req.priority === '') throw input(MSG.empty('priority'));
	setPriority(ctx.state, conversation, req.priority, ctx.actor);
	return true;
}

function updateUserAssignee(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const req = decodeJson(ctx, { assignee_id: 'int' });
	assignUser(ctx.state, conversation, req.assignee_id, ctx.actor);
	return true;
}

function updateTeamAssignee(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const req = decodeJson(ctx, { assignee_id: 'int' });
	if (!assignTeam(ctx.state, conversation, req.assignee_id, ctx.actor)) throw input('Team not found');
	return true;
}

const ACTIONS: Record<string, TagAction> = { '': 'set_tags', set_tags: 'set_tags', add_tags: 'add_tags', remove_tags: 'remove_tags' };

function updateTags(ctx: Ctx): true {
	const conversation = conversationFor(ctx);
	const req = decodeJson(ctx, { tags: 'string[]', action: 'string' });
	// §5.7: `action` exists since v2.3.0; older servers always replace.
	let action: TagAction = 'set_tags';
	if (supports(ctx.state.version, 'tagsAction')) {
		const known = Object.prototype.hasOwnProperty.call(ACTIONS, req.action) ? ACTIONS[req.action as string] : undefined;
		if (!known) throw input(MSG.parse);
		action = known;
	}
	setTags(ctx.state, conversation, req.tags, action, ctx.actor);
	return true;
}

export const conversationUpdateRoutes: RouteDef[] = [
	route('PUT', '/api/v1/conversations/{uuid}/status', 'conversations:update_status', updateStatus),
	route('PUT', '/api/v1/conversations/{uuid}/priority', 'conversations:update_priority', updatePriority),
	route('PUT', '/api/v1/conversations/{uuid}/assignee/user', 'conversations:update_user_assignee', updateUserAssignee),
	route('PUT', '/api/v1/conversations/{uuid}/assignee/team', 'conversations:update_team_assignee', updateTeamAssignee),
	route('PUT', '/api/v1/conversations/{uuid}/assignee/user/remove', 'conversations:update_user_assignee', (ctx) => {
		removeUser(ctx.state, conversationFor(ctx), ctx.actor);
		return true;
	}),
	route('PUT', '/api/v1/conversations/{uuid}/assignee/team/remove', 'conversations:update_team_assignee', (ctx) => {
		removeTeam(ctx.state, conversationFor(ctx));
		return true;
	}),
	route('POST', '/api/v1/conversations/{uuid}/tags', 'conversations:update_tags', updateTags),
];
