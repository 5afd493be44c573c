import type { IDataObject } from 'n8n-workflow';

import { conversationOf } from './payload';

/** Inbox and team IDs, status names or IDs; an empty list does not filter. Compared as text (dropdowns and expressions differ in type). */
export interface ConversationFilters {
	inboxIds: string[];
	teamIds: string[];
	statuses: string[];
}

export const NO_FILTERS: ConversationFilters = { inboxIds: [], teamIds: [], statuses: [] };

/** A multi-select or a comma-separated expression result → trimmed, non-empty strings. */
export function filterValues(value: unknown): string[] {
	const values = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(',') : [];
	return [...new Set(values.map((entry) => String(entry).trim()).filter((entry) => entry !== ''))];
}

export function hasFilters(filters: ConversationFilters): boolean {
	return filters.inboxIds.length > 0 || filters.teamIds.length > 0 || filters.statuses.length > 0;
}

export type FilterCheck = { pass: true } | { pass: false; reason: string };

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/**
 * Filters apply to deliveries that carry the conversation (conversation.* and automation events, §12.4).
 * Message events carry only the message (with `conversation_uuid`), so they pass: the trigger answers
 * within LibreDesk's 3 s (§12.3) without reading the conversation. For `conversation.status_changed` the
 * status compared is `new_status`.
 */
export function checkFilters(filters: ConversationFilters, event: string, payload: unknown): FilterCheck {
	if (!hasFilters(filters)) return { pass: true };
	const conversation = conversationOf(event, payload);
	if (!conversation) return { pass: true };
	if (filters.inboxIds.length > 0 && !filters.inboxIds.includes(text(conversation.inbox_id))) {
		return { pass: false, reason: `inbox ${text(conversation.inbox_id) || '(none)'} is not among the chosen inboxes` };
	}
	if (filters.teamIds.length > 0 && !filters.teamIds.includes(text(conversation.assigned_team_id))) {
		return { pass: false, reason: `team ${text(conversation.assigned_team_id) || '(none)'} is not among the chosen teams` };
	}
	if (filters.statuses.length > 0) {
		const changed = (payload as IDataObject).new_status;
		const status = event === 'conversation.status_changed' && typeof changed === 'string' ? changed : text(conversation.status);
		// The id counts only when it belongs to that status (the nested conversation could predate the change).
		const id = status === text(conversation.status) ? text(conversation.status_id) : '';
		if (!filters.statuses.includes(status) && (id === '' || !filters.statuses.includes(id))) {
			return { pass: false, reason: `status "${status}" is not among the chosen statuses` };
		}
	}
	return { pass: true };
}
