import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 20 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const update = (uuid: string, updateFields: Record<string, unknown>) =>
	({ resource: 'conversation', operation: 'update', conversation: { __rl: true, mode: 'uuid', value: uuid }, updateFields, ...FAST });

function bodies(): Array<[string, unknown]> {
	return sandbox.requests.map((request) => [`${request.method} ${request.path}`, request.bodyText === '' ? undefined : request.body]);
}

describe('Conversation → Update (§5.4–§5.8)', () => {
	it('runs its calls in a fixed order and answers with the conversation after the update', async () => {
		const target = sandbox.state.conversations[4];
		target.customAttributes = { plan: 'pro' };
		const before = new Set(target.tagIds);
		const path = `/api/v1/conversations/${target.uuid}`;
		const run = await runLibreDesk(
			credentialsOf(sandbox),
			update(target.uuid, {
				teamId: 2,
				agentId: 4,
				status: 'snoozed',
				snoozeFor: 2,
				snoozeUnit: 'hours',
				priority: 'high',
				tags: ['vip', 'billing'],
				tagsMode: 'add',
				customAttributes: { attribute: [{ key: 'order_id', value: 'ORD-9' }] },
				contactAttributesJson: '{"company": "Acme", "tier": "gold"}',
			}),
		);
		expect(run.error).toBeUndefined();
		expect(bodies()).toEqual([
			['GET /api/v1/statuses', undefined],
			['GET /api/v1/priorities', undefined],
			['GET /api/v1/tags', undefined],
			['GET /api/v1/settings/general', undefined],
			[`GET ${path}`, undefined],
			[`PUT ${path}/assignee/team`, { assignee_id: 2 }],
			[`PUT ${path}/assignee/user`, { assignee_id: 4 }],
			[`PUT ${path}/status`, { status: 'Snoozed', snoozed_until: '2h' }],
			[`PUT ${path}/priority`, { priority: 'High' }],
			[`POST ${path}/tags`, { tags: ['vip', 'billing'], action: 'add_tags' }],
			[`PUT ${path}/custom-attributes`, { plan: 'pro', order_id: 'ORD-9' }],
			[`PUT ${path}/contacts/custom-attributes`, { company: 'Acme', tier: 'gold' }],
			[`GET ${path}`, undefined],
		]);
		expect(sandbox.requests.filter((request) => request.method !== 'GET').every((request) => request.headers['content-type'] === 'application/json')).toBe(true);
		const after = run.items[0].json;
		expect(after).toMatchObject({ status: 'Snoozed', priority: 'High', assigned_team_id: 2, assigned_user_id: 4, custom_attributes: { plan: 'pro', order_id: 'ORD-9' } });
		expect(after.tags).toEqual(expect.arrayContaining(['vip', 'billing']));
		expect((after.tags as string[]).length).toBe(new Set([...before, 1, 5]).size);
		expect((after.contact as { custom_attributes: object }).custom_attributes).toMatchObject({ company: 'Acme', tier: 'gold' });
		expect(typeof after.snoozed_until).toBe('string');
	});

	it('reads the release and the name lists once per run, however many items', async () => {
		const uuids = sandbox.state.conversations.slice(0, 3).map((conversation) => conversation.uuid);
		const run = await runLibreDesk(
			credentialsOf(sandbox),
			{ ...update('={{ $json.uuid }}', { status: 'Open', tags: ['vip'], tagsMode: 'add' }) },
			{ items: uuids.map((uuid) => ({ uuid })) },
		);
		expect(run.error).toBeUndefined();
		const count = (path: string) => sandbox.requests.filter((request) => request.path === path).length;
		expect(count('/api/v1/settings/general')).toBe(1);
		expect(count('/api/v1/statuses')).toBe(1);
		expect(count('/api/v1/tags')).toBe(1);
		expect(sandbox.requests.filter((request) => request.path.endsWith('/tags') && request.method === 'POST')).toHaveLength(3);
		expect(run.items.map((item) => item.json.uuid)).toEqual(uuids);
	});

	it('on servers before v2.3.0 adds and removes tags by reading them and sending the full set', async () => {
		const old = await startLibreDeskSandbox({ seed: 7, conversations: 5, version: 'v2.2.1' });
		try {
			const target = old.state.conversations[0];
			target.tagIds = [1, 2];
			const path = `/api/v1/conversations/${target.uuid}`;
			const run = await runLibreDesk(credentialsOf(old), update(target.uuid, { tags: ['bug'], tagsMode: 'remove' }));
			expect(run.error).toBeUndefined();
			expect(old.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
				'GET /api/v1/settings/general',
				`GET ${path}`,
				`POST ${path}/tags`,
				`GET ${path}`,
			]);
			expect(old.requests[2].body).toEqual({ tags: ['billing'], action: 'set_tags' });
			expect(run.items[0].json.tags).toEqual(['billing']);
		} finally {
			await old.close();
		}
	});

	it('Replace sends exactly the given attributes, without reading first; unassigning uses the remove routes', async () => {
		const target = sandbox.state.conversations[2];
		const path = `/api/v1/conversations/${target.uuid}`;
		const run = await runLibreDesk(
			credentialsOf(sandbox),
			update(target.uuid, { customAttributesJson: '{"seats": 3}', attributesMode: 'replace', unassignAgent: true, unassignTeam: true }),
		);
		expect(run.error).toBeUndefined();
		expect(bodies()).toEqual([
			[`PUT ${path}/assignee/team/remove`, undefined],
			[`PUT ${path}/assignee/user/remove`, undefined],
			[`PUT ${path}/custom-attributes`, { seats: 3 }],
			[`GET ${path}`, undefined],
		]);
		expect(run.items[0].json).toMatchObject({ assigned_user_id: null, assigned_team_id: null, custom_attributes: { seats: 3 } });
	});

	it('tags left empty with Replace remove every tag (§5.7 set_tags [])', async () => {
		const target = sandbox.state.conversations[1];
		target.tagIds = [1, 3];
		const run = await runLibreDesk(credentialsOf(sandbox), update(target.uuid, { tags: [], tagsMode: 'replace' }));
		expect(run.error).toBeUndefined();
		expect(sandbox.requests[0].body).toEqual({ tags: [], action: 'set_tags' });
		expect(run.items[0].json.tags).toEqual([]);
	});

	it('names are checked against the server: an unknown status never reaches the status route', async () => {
		const target = sandbox.state.conversations[1];
		const run = await runLibreDesk(credentialsOf(sandbox), update(target.uuid, { status: 'Pending' }));
		expect(run.error?.message).toBe(
			'Item 1: Status "Pending" is not a status of this LibreDesk server (known: "Open", "Snoozed", "Resolved", "Closed", "Waiting on customer")',
		);
		expect(trail(sandbox)).toEqual(['GET /api/v1/statuses']);
		const tag = await runLibreDesk(credentialsOf(sandbox), update(target.uuid, { tags: ['nope'], tagsMode: 'add' }));
		expect(tag.error?.message.startsWith('Item 1: Tags "nope" is not a tag of this LibreDesk server')).toBe(true);
	});

	it('bad input fails before any request', async () => {
		const uuid = sandbox.state.conversations[0].uuid;
		for (const [fields, message] of [
			[{}, 'Item 1: Update Fields add at least one field to change'],
			[{ status: 'Snoozed' }, 'Item 1: Snooze For is required when the status is Snoozed (or set Snooze Until)'],
			[{ status: 'Snoozed', snoozeFor: -1 }, 'Item 1: Snooze For "-1" is not a positive number'],
			[{ status: 'Snoozed', snoozeFor: '1d' }, 'Item 1: Snooze For "1d" is not a positive number'],
			[{ status: 'Snoozed', snoozeUntil: '2001-01-01T00:00:00Z' }, 'Item 1: Snooze Until is not in the future'],
			[{ agentId: 4, unassignAgent: true }, 'Item 1: Unassign Agent and Agent are both set: choose one'],
			[{ tagsMode: 'add' }, 'Item 1: Tags is required when Tags Mode adds or removes tags'],
		] as const) {
			const run = await runLibreDesk(credentialsOf(sandbox), update(uuid, fields));
			expect(run.error?.message.slice(0, message.length)).toBe(message);
		}
		expect(sandbox.requests).toEqual([]);
	});

	it('a failure part-way says what was applied and what was not', async () => {
		const agentRole = sandbox.state.roles.find((role) => role.name === 'Agent')!;
		sandbox.state.setRolePermissions('Agent', agentRole.permissions.filter((permission) => permission !== 'conversations:update_priority'));
		const target = sandbox.state.conversations[6];
		const run = await runLibreDesk(credentialsOf(sandbox, 'agent'), update(target.uuid, { status: 'Resolved', priority: 'Low', tags: ['vip'] }));
		expect(run.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "conversations:update_priority")');
		expect(run.error?.description?.startsWith('The update stopped at "priority". Already applied: status. Not applied: priority, tags.')).toBe(true);
		expect(sandbox.state.conversations[6].statusId).toBe(3);
	});
});
