/** §1.2: permission strings, the default roles and the conversation access rule. */
import type { Conversation, Role, User } from './types.ts';

export const ALL_PERMISSIONS = [
	'conversations:read_all',
	'conversations:read_unassigned',
	'conversations:read_assigned',
	'conversations:read_team_inbox',
	'conversations:read_team_all',
	'conversations:read',
	'conversations:update_user_assignee',
	'conversations:update_team_assignee',
	'conversations:update_priority',
	'conversations:update_status',
	'conversations:update_tags',
	'conversations:write',
	'messages:read',
	'messages:write',
	'messages:write_as_contact',
	'view:manage',
	'shared_views:manage',
	'status:manage',
	'tags:manage',
	'macros:manage',
	'users:manage',
	'teams:manage',
	'automations:manage',
	'inboxes:manage',
	'roles:manage',
	'webhooks:manage',
	'context_links:manage',
	'templates:manage',
	'reports:manage',
	'business_hours:manage',
	'sla:manage',
	'general_settings:manage',
	'notification_settings:manage',
	'oidc:manage',
	'ai:manage',
	'contacts:read_all',
	'contacts:read',
	'contacts:write',
	'contacts:block',
	'contact_notes:read',
	'contact_notes:write',
	'contact_notes:delete',
	'custom_attributes:manage',
	'activity_logs:manage',
] as const;

export type Permission = (typeof ALL_PERMISSIONS)[number];

/** §1.2 "Default role Agent" (a fresh install's, with read_team_all). */
const AGENT_PERMISSIONS: Permission[] = [
	'conversations:read_all',
	'conversations:read_unassigned',
	'conversations:read_assigned',
	'conversations:read_team_inbox',
	'conversations:read_team_all',
	'conversations:read',
	'conversations:update_user_assignee',
	'conversations:update_team_assignee',
	'conversations:update_priority',
	'conversations:update_status',
	'conversations:update_tags',
	'messages:read',
	'messages:write',
	'view:manage',
];

/**
 * Admin: everything but `messages:write_as_contact` (§1.2). The sandbox adds a custom role, `Integration`,
 * holding only that permission, so a key can reach both paths of §6.3.
 */
export function defaultRoles(): Role[] {
	return [
		{ name: 'Admin', permissions: ALL_PERMISSIONS.filter((p) => p !== 'messages:write_as_contact') },
		{ name: 'Agent', permissions: [...AGENT_PERMISSIONS] },
		{ name: 'Integration', permissions: ['messages:write_as_contact'] },
	];
}

export function permissionsOf(user: User, roles: readonly Role[]): string[] {
	const set = new Set<string>();
	for (const name of user.roles) for (const p of roles.find((role) => role.name === name)?.permissions ?? []) set.add(p);
	return [...set].sort();
}

/** §1.2 "Conversation access rule". */
export function canAccessConversation(user: User, permissions: readonly string[], conversation: Conversation): boolean {
	const has = (p: string) => permissions.includes(p);
	if (!has('conversations:read')) return false;
	if (has('conversations:read_all')) return true;
	const userId = conversation.assignedUserId;
	const teamId = conversation.assignedTeamId;
	if (has('conversations:read_assigned') && userId === user.id) return true;
	if (teamId !== null && user.teamIds.includes(teamId)) {
		if (has('conversations:read_team_all')) return true;
		if (has('conversations:read_team_inbox') && userId === null) return true;
	}
	return has('conversations:read_unassigned') && userId === null && teamId === null;
}
