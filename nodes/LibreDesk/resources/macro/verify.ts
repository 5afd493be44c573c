import type { IDataObject } from 'n8n-workflow';

import type { MacroAction } from './plan';

/**
 * Whether an applied action shows in the conversation read back after applying (§5.2 fields).
 * The apply route reports only "all", "some" or "none" (200 / 207 / 500, §9.8) and its message is
 * translated, so the node looks at the result itself. Undefined when the conversation lacks the
 * field. Pure.
 */
export function actionInEffect(action: MacroAction, conversation: IDataObject): boolean | undefined {
	const id = (field: string) => {
		const value = conversation[field];
		return value === undefined ? undefined : value !== null && String(value) === action.value[0];
	};
	const tags = Array.isArray(conversation.tags) ? conversation.tags.map(String) : undefined;
	switch (action.type) {
		case 'assign_team':
			return id('assigned_team_id');
		case 'assign_user':
			return id('assigned_user_id');
		case 'set_status':
			return id('status_id');
		case 'set_priority':
			return id('priority_id');
		case 'add_tags':
			return tags && action.value.every((tag) => tags.includes(tag));
		case 'remove_tags':
			return tags && action.value.every((tag) => !tags.includes(tag));
		case 'set_tags':
			return tags && tags.length === new Set(action.value).size && action.value.every((tag) => tags.includes(tag));
		default:
			return undefined;
	}
}

/** The en-US text of a 207 (§9.8), read only when the caller has no HTTP status to go by. */
const PARTIAL = 'Macro partially applied';

export interface MacroOutcome {
	result: 'applied' | 'partially applied';
	actions: Array<MacroAction & { in_effect?: boolean }>;
}

/**
 * `httpStatus` of the apply route: 207 = some actions failed (§9.8). The message is translated on
 * non-English servers, so with a status the text is not read at all.
 */
export function macroOutcome(
	actions: MacroAction[],
	conversation: IDataObject,
	serverMessage: string | undefined,
	httpStatus?: number,
): MacroOutcome {
	const checked = actions.map((action): MacroOutcome['actions'][number] => {
		const inEffect = actionInEffect(action, conversation);
		return inEffect === undefined ? { ...action } : { ...action, in_effect: inEffect };
	});
	const serverSaysPartial = httpStatus !== undefined ? httpStatus === 207 : serverMessage === PARTIAL;
	const partial = serverSaysPartial || checked.some((action) => action.in_effect === false);
	return { result: partial ? 'partially applied' : 'applied', actions: checked };
}
