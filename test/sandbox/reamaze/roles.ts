/**
 * Staff roles. §2.7: the role is a hash of permissions whose keys may change; these are the keys the Go lib models
 * from live responses, spelled with the trailing `?` the API uses. Only `access_reports?` is enforced (§2.12).
 */
import type { Role } from './types.ts';

const PERMISSIONS = [
	'manage_staff?',
	'manage_staff_role?',
	'view_staff?',
	'manage_kb?',
	'manage_account?',
	'manage_response_templates?',
	'manage_personal_response_templates?',
	'manage_workflows?',
	'manage_developer_settings?',
	'manage_assignments?',
	'manage_incidents?',
	'manage_notes?',
	'manage_tags?',
	'access_chat?',
	'access_reports?',
	'access_staff_reports?',
	'access_webhook_subscriptions_api?',
	'reply_to_customers?',
	'edit_customers?',
	'view_all_contacts?',
	'export_contacts?',
] as const;

const AGENT_DENIED = new Set(['manage_staff?', 'manage_staff_role?', 'manage_account?', 'manage_developer_settings?', 'access_webhook_subscriptions_api?']);

function permissions(granted: (key: string) => boolean): Record<string, boolean> {
	return Object.fromEntries(PERMISSIONS.map((key) => [key, granted(key)]));
}

export const ROLES = {
	owner: { id: 1, name: 'Owner', admin: true, permissions: permissions(() => true) },
	agent: { id: 2, name: 'Agent', admin: false, permissions: permissions((key) => !AGENT_DENIED.has(key)) },
	limitedAgent: {
		id: 3,
		name: 'Limited Agent',
		admin: false,
		permissions: permissions((key) => !AGENT_DENIED.has(key) && key !== 'access_reports?' && key !== 'access_staff_reports?'),
	},
} satisfies Record<string, Role>;

export function canAccessReports(role: Role): boolean {
	return role.permissions['access_reports?'] === true;
}
