/**
 * §13 as a table: the first release with each behaviour. `supports(version, feature)` is the only place that
 * compares versions, so an emulated older server differs from v2.7.0 exactly where the sheet says.
 */
export const DEFAULT_VERSION = 'v2.7.0';

/** Releases listed in §13 (the sandbox refuses other strings, so a typo never silently means "latest"). */
export const KNOWN_VERSIONS = [
	'v1.0.0',
	'v1.0.3',
	'v2.1.0',
	'v2.1.1',
	'v2.2.0',
	'v2.2.1',
	'v2.3.0',
	'v2.3.1',
	'v2.4.0',
	'v2.5.0',
	'v2.6.0',
	'v2.6.1',
	'v2.7.0',
] as const;

export const FEATURES = {
	/** page_size clamped at 500; before: conversations > 100 → 500, contacts > 100 → 400, messages clamp 100 (§3). */
	pageSize500: 'v2.1.0',
	/** create-conversation `external_user_id`/`custom_attributes`, contact `country`/`external_user_id` (§13). */
	externalUserId: 'v2.1.0',
	/** conversation `inbox_reply_to` (§5.2). */
	inboxReplyTo: 'v2.2.0',
	/** tags `action` add/remove/set; before, every call replaces (§5.7). */
	tagsAction: 'v2.3.0',
	/** `{logic, rules}` filter groups and the tag filter (§3). */
	groupedFilters: 'v2.4.0',
	/** `csat_rating`, `csat_feedback`, `csat_responded_at` on the conversation (§5.2). */
	csatFields: 'v2.4.0',
	/** `snoozed_until` on the conversation (§5.2). */
	snoozedUntilField: 'v2.5.0',
	/** DELETE of a private note (§6.5). */
	deleteNote: 'v2.5.0',
	/** `status_category` on the conversation (§5.2). */
	statusCategory: 'v2.6.0',
	/** `GET /webhooks/compact` and the automation `trigger_webhook` event (§12.1, §12.2). */
	webhooksCompact: 'v2.7.0',
	triggerWebhook: 'v2.7.0',
} as const;

export type Feature = keyof typeof FEATURES;

function parts(version: string): number[] {
	return version.replace(/^v/, '').split('.').map(Number);
}

export function compareVersions(a: string, b: string): number {
	const pa = parts(a);
	const pb = parts(b);
	for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
	return 0;
}

export function supports(version: string, feature: Feature): boolean {
	return compareVersions(version, FEATURES[feature]) >= 0;
}

export function checkVersion(version: string): string {
	if (!(KNOWN_VERSIONS as readonly string[]).includes(version)) {
		throw new Error(`Unknown LibreDesk version ${version}; one of ${KNOWN_VERSIONS.join(', ')}`);
	}
	return version;
}
