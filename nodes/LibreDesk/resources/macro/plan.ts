import type { IDataObject } from 'n8n-workflow';

/**
 * What POST /conversations/{uuid}/macros/{id}/apply can do with a stored macro (§9.8). The route
 * applies the actions IN THE BODY, not the macro's stored ones, so the node reads the macro and
 * sends its actions. Only these types are accepted; any other (send_reply, send_private_note, ...)
 * makes the server refuse the whole call with 403 "<type> action not allowed".
 */
export const APPLICABLE_ACTIONS = [
	'assign_team',
	'assign_user',
	'set_status',
	'set_priority',
	'add_tags',
	'set_tags',
	'remove_tags',
] as const;

/** [AUTO-M] ActionPermissions: what each applicable action needs on top of access to the conversation. */
export const ACTION_PERMISSIONS: Record<(typeof APPLICABLE_ACTIONS)[number], string> = {
	assign_team: 'conversations:update_team_assignee',
	assign_user: 'conversations:update_user_assignee',
	set_status: 'conversations:update_status',
	set_priority: 'conversations:update_priority',
	add_tags: 'conversations:update_tags',
	set_tags: 'conversations:update_tags',
	remove_tags: 'conversations:update_tags',
};

export interface MacroAction {
	type: string;
	value: string[];
}

export interface MacroPlan {
	/** The body of the apply call. */
	actions: MacroAction[];
	/** Stored actions the API cannot apply, with what they would have done. */
	skipped: Array<{ type: string; value: string[] }>;
	/** Sentences for the output's `warnings`: what the user's macro would do in the UI but not here. */
	warnings: string[];
}

function values(raw: unknown): string[] {
	if (!Array.isArray(raw)) return [];
	return raw.filter((value) => value !== null && value !== undefined).map((value) => String(value));
}

/** Splits a macro of GET /api/v1/macros into what the apply route takes and what it cannot do. Pure. */
export function planMacro(macro: IDataObject): MacroPlan {
	const plan: MacroPlan = { actions: [], skipped: [], warnings: [] };
	const stored = Array.isArray(macro.actions) ? macro.actions : [];
	for (const entry of stored) {
		if (!entry || typeof entry !== 'object') continue;
		const { type, value } = entry as IDataObject;
		if (typeof type !== 'string' || type === '') continue;
		const action = { type, value: values(value) };
		if ((APPLICABLE_ACTIONS as readonly string[]).includes(type)) plan.actions.push(action);
		else plan.skipped.push(action);
	}
	for (const action of plan.skipped) {
		plan.warnings.push(
			action.type === 'send_reply' || action.type === 'send_private_note'
				? `Skipped "${action.type}": LibreDesk's API does not send replies or notes from a macro; use Message → Send with the text instead`
				: `Skipped "${action.type}": LibreDesk's API applies only team, agent, status, priority and tag actions`,
		);
	}
	if (typeof macro.message_content === 'string' && macro.message_content.trim() !== '') {
		plan.warnings.push(
			'The macro\'s reply text (message_content) was not sent: LibreDesk\'s API does not send it; use Message → Send with the text instead',
		);
	}
	return plan;
}

/** The permissions the planned actions need, for a 403 "Permission denied for some macro actions". */
export function permissionsFor(actions: MacroAction[]): string[] {
	const needed = actions
		.map((action) => ACTION_PERMISSIONS[action.type as keyof typeof ACTION_PERMISSIONS])
		.filter((permission): permission is string => permission !== undefined);
	return [...new Set(needed)];
}
