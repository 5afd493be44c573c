import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES, KNOWN_VERSIONS, type LibreDeskSandbox, startLibreDeskSandbox, supports } from './index.ts';
import { apiError, client, newConversation } from './test-client.ts';

/** One sandbox per emulated release, each with a handful of conversations. */
const sandboxes = new Map<string, LibreDeskSandbox>();
const VERSIONS = ['v1.0.3', 'v2.2.0', 'v2.4.0', 'v2.5.0', 'v2.6.0', 'v2.7.0'];

beforeAll(async () => {
	for (const version of VERSIONS) sandboxes.set(version, await startLibreDeskSandbox({ version, conversations: 120, seed: 3 }));
});
afterAll(async () => {
	for (const sb of sandboxes.values()) await sb.close();
});

const at = (version: string) => {
	const sb = sandboxes.get(version) as LibreDeskSandbox;
	return { sb, api: client(sb) };
};
const q = (filters: unknown) => `filters=${encodeURIComponent(JSON.stringify(filters))}`;

describe('the versions table (§13)', () => {
	it('is ordered and refuses unknown releases', async () => {
		expect(KNOWN_VERSIONS[KNOWN_VERSIONS.length - 1]).toBe('v2.7.0');
		expect(supports('v2.4.0', 'groupedFilters')).toBe(true);
		expect(supports('v2.3.1', 'groupedFilters')).toBe(false);
		expect(Object.values(FEATURES).every((v) => (KNOWN_VERSIONS as readonly string[]).includes(v))).toBe(true);
		await expect(startLibreDeskSandbox({ version: 'v9.9.9' })).rejects.toThrow(/Unknown LibreDesk version/);
	});

	it('reports the version in settings/general', async () => {
		for (const version of VERSIONS) expect((await at(version).api.get('/api/v1/settings/general')).body.data['app.version']).toBe(version);
	});
});

describe('before v2.1.0: page size 100 rules (§3 "Older servers")', () => {
	it('conversation lists refuse > 100 with 500, contacts with 400, messages clamp to 100', async () => {
		const { api, sb } = at('v1.0.3');
		expect(await api.get('/api/v1/conversations/all?page_size=101')).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect((await api.get('/api/v1/conversations/all?page_size=100')).body.data.per_page).toBe(100);
		expect(await api.get('/api/v1/contacts?page_size=101')).toMatchObject(apiError(400, 'Page size is too large, should be at most 100', 'InputException'));
		expect((await api.get(`/api/v1/conversations/${sb.state.conversations[0].uuid}/messages?page_size=300`)).body.data.per_page).toBe(100);
		const { api: latest } = at('v2.7.0');
		expect((await latest.get('/api/v1/conversations/all?page_size=101')).body.data.per_page).toBe(101);
		expect((await latest.get('/api/v1/contacts?page_size=900')).body.data.per_page).toBe(500);
	});

	it('has no country / external_user_id on contacts', async () => {
		const { api, sb } = at('v1.0.3');
		const data = (await api.get(`/api/v1/conversations/${sb.state.conversations[0].uuid}`)).body.data;
		expect(Object.keys(data.contact)).not.toContain('country');
		expect(Object.keys(data.contact)).not.toContain('external_user_id');
	});
});

describe('conversation fields by release (§5.2)', () => {
	const keys = async (version: string) => {
		const { api, sb } = at(version);
		return Object.keys((await api.get(`/api/v1/conversations/${sb.state.conversations[0].uuid}`)).body.data);
	};

	it('inbox_reply_to from v2.2.0, csat_* from v2.4.0, snoozed_until from v2.5.0, status_category from v2.6.0', async () => {
		const table: [string, string, boolean][] = [
			['v1.0.3', 'inbox_reply_to', false],
			['v2.2.0', 'inbox_reply_to', true],
			['v2.2.0', 'csat_rating', false],
			['v2.4.0', 'csat_rating', true],
			['v2.4.0', 'snoozed_until', false],
			['v2.5.0', 'snoozed_until', true],
			['v2.5.0', 'status_category', false],
			['v2.6.0', 'status_category', true],
		];
		for (const [version, key, present] of table) expect((await keys(version)).includes(key), `${version} ${key}`).toBe(present);
	});
});

describe('behaviour by release', () => {
	it('before v2.3.0 the tags action is ignored and every call replaces', async () => {
		for (const [version, expected] of [['v2.2.0', ['vip']], ['v2.4.0', ['bug', 'vip']]] as const) {
			const { api } = at(version);
			const { uuid } = (await api.post('/api/v1/conversations', newConversation({ contact_email: `tags-${version}@example.com` }))).body.data;
			await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: ['bug'] });
			expect((await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: ['vip'], action: 'add_tags' })).body.data).toBe(true);
			expect((await api.get(`/api/v1/conversations/${uuid}`)).body.data.tags, version).toEqual(expected);
			expect((await api.post(`/api/v1/conversations/${uuid}/tags`, { tags: [], action: 'bogus' })).status, version).toBe(version === 'v2.2.0' ? 200 : 400);
		}
	});

	it('{logic, rules} filters and the tag filter need v2.4.0 (500 before)', async () => {
		const group = q({ logic: 'OR', rules: [{ model: 'conversations', field: 'inbox_id', operator: 'equals', value: '1' }] });
		const tags = q([{ model: 'conversations', field: 'tags', operator: 'set' }]);
		const flat = q([{ model: 'conversations', field: 'inbox_id', operator: 'equals', value: '1' }]);
		for (const version of ['v2.2.0', 'v2.4.0']) {
			const { api } = at(version);
			const expected = version === 'v2.2.0' ? 500 : 200;
			expect((await api.get(`/api/v1/conversations/all?${group}`)).status, version).toBe(expected);
			expect((await api.get(`/api/v1/conversations/all?${tags}`)).status, version).toBe(expected);
			expect((await api.get(`/api/v1/conversations/all?${flat}`)).status, version).toBe(200);
		}
	});

	it('snoozed_until is required only from v2.5.0', async () => {
		for (const [version, status] of [['v2.4.0', 200], ['v2.5.0', 400]] as const) {
			const { api, sb } = at(version);
			expect((await api.put(`/api/v1/conversations/${sb.state.conversations[1].uuid}/status`, { status: 'Snoozed' })).status, version).toBe(status);
		}
	});

	it('deleting a private note exists from v2.5.0 (405 on the message path before)', async () => {
		for (const [version, status] of [['v2.4.0', 405], ['v2.5.0', 200]] as const) {
			const { api } = at(version);
			const { uuid } = (await api.post('/api/v1/conversations', newConversation({ contact_email: `note-${version}@example.com` }))).body.data;
			const note = (await api.post(`/api/v1/conversations/${uuid}/messages`, { sender_type: 'agent', private: true, message: 'x' })).body.data;
			const reply = await api.del(`/api/v1/conversations/${uuid}/messages/${note.uuid}`);
			expect(reply.status, version).toBe(status);
			if (status === 405) expect(reply.body).toMatchObject({ message: 'Request method not allowed', error_type: 'GeneralException' });
		}
	});

	it('webhooks/compact exists from v2.7.0 (before, "compact" is a junk webhook id)', async () => {
		expect((await at('v2.7.0').api.get('/api/v1/webhooks/compact', { as: 'agent' })).status).toBe(200);
		expect(await at('v2.6.0').api.get('/api/v1/webhooks/compact')).toMatchObject(apiError(400, 'Something went wrong', 'InputException'));
		expect((await at('v2.6.0').api.get('/api/v1/webhooks/compact', { as: 'agent' })).status).toBe(403);
	});

	it('the automation trigger_webhook event needs v2.7.0', () => {
		const { sb } = at('v2.6.0');
		expect(() => sb.triggerAutomation(1, 'x', sb.state.conversations[0].uuid)).toThrow(/v2\.7\.0/);
	});
});
