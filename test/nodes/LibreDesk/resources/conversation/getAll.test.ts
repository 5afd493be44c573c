import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { credentialsOf, FAST, runLibreDesk, trail } from '../../run';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 150 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const list = { resource: 'conversation', operation: 'getAll', ...FAST };

function filtersOf(index = 0): unknown {
	const text = sandbox.requests[index].query.filters;
	return typeof text === 'string' ? JSON.parse(text) : undefined;
}

describe('Conversation → Get Many (§5.3)', () => {
	it('each list scope has its route', async () => {
		const cases: Array<[Record<string, unknown>, string]> = [
			[{ scope: 'all' }, '/api/v1/conversations/all'],
			[{ scope: 'assigned' }, '/api/v1/conversations/assigned'],
			[{ scope: 'unassigned' }, '/api/v1/conversations/unassigned'],
			[{ scope: 'mentioned' }, '/api/v1/conversations/mentioned'],
			[{ scope: 'team', teamId: 1 }, '/api/v1/teams/1/conversations/unassigned'],
			[{ scope: 'view', viewId: 5 }, '/api/v1/views/5/conversations'],
		];
		for (const [parameters, path] of cases) {
			sandbox.clearRequests();
			const run = await runLibreDesk(credentialsOf(sandbox), { ...list, ...parameters, limit: 5 });
			expect(run.error).toBeUndefined();
			expect(trail(sandbox)).toEqual([`GET ${path}?order_by=conversations.last_message_at&order=desc&page=1&page_size=5`]);
		}
	});

	it('filters a user picks become the §3 filter JSON, and the answer respects them', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), {
			...list,
			returnAll: true,
			sort: 'oldestCreated',
			filters: { statuses: ['Open', 'Snoozed'], priorities: [3], inboxes: [1, 2], createdFrom: '2000-01-01T00:00:00', createdTo: '2100-12-31' },
			simplify: false,
		});
		expect(run.error).toBeUndefined();
		expect(sandbox.requests[0].query).toMatchObject({ order_by: 'conversations.created_at', order: 'asc', page: '1', page_size: '100' });
		expect(filtersOf()).toEqual([
			{ model: 'conversation_statuses', field: 'name', operator: 'in', value: '["Open","Snoozed"]' },
			{ model: 'conversations', field: 'priority_id', operator: 'equals', value: '3' },
			{ model: 'conversations', field: 'inbox_id', operator: 'in', value: '["1","2"]' },
			{ model: 'conversations', field: 'created_at', operator: 'between', value: '2000-01-01,2100-12-31' },
		]);
		expect(run.items.length).toBeGreaterThan(0);
		for (const item of run.items) {
			expect(['Open', 'Snoozed']).toContain(item.json.status);
			expect(item.json.priority).toBe('High');
		}
		const created = run.items.map((item) => String(item.json.created_at));
		expect(created).toEqual([...created].sort());
	});

	it('tags filter by ID (any of them), on v2.4.0+', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), { ...list, returnAll: true, filters: { tags: [5], agents: [2], teams: [1] }, simplify: false });
		expect(run.error).toBeUndefined();
		expect(trail(sandbox)[0]).toBe('GET /api/v1/settings/general');
		expect(filtersOf(1)).toEqual([
			{ model: 'conversations', field: 'assigned_user_id', operator: 'equals', value: '2' },
			{ model: 'conversations', field: 'assigned_team_id', operator: 'equals', value: '1' },
			{ model: 'conversations', field: 'tags', operator: 'contains', value: '[5]' },
		]);
		const byUuid = new Map(sandbox.state.conversations.map((conversation) => [conversation.uuid, conversation]));
		for (const item of run.items) expect(byUuid.get(item.json.uuid as string)?.tagIds).toContain(5);
	});

	it('open date ranges are inclusive days', async () => {
		await runLibreDesk(credentialsOf(sandbox), { ...list, limit: 1, filters: { lastMessageFrom: '2026-03-01' } });
		await runLibreDesk(credentialsOf(sandbox), { ...list, limit: 1, filters: { lastMessageTo: '2026-03-31T23:00:00Z' } });
		expect(filtersOf(0)).toEqual([{ model: 'conversations', field: 'last_message_at', operator: 'greater than', value: '2026-02-28' }]);
		expect(filtersOf(1)).toEqual([{ model: 'conversations', field: 'last_message_at', operator: 'less than', value: '2026-04-01' }]);
	});

	it('simplified items keep what a workflow needs', async () => {
		const run = await runLibreDesk(credentialsOf(sandbox), { ...list, limit: 2 });
		expect(Object.keys(run.items[0].json)).toEqual(expect.arrayContaining(['uuid', 'reference_number', 'status', 'contact', 'last_message_at']));
		expect(run.items[0].json).not.toHaveProperty('sla_policy_id');
	});

	it('a view applies its own filters; a tag filter is refused on servers before v2.4.0', async () => {
		// Filters are hidden for a view in the editor, so n8n drops them from the parameters.
		const view = await runLibreDesk(credentialsOf(sandbox), { ...list, scope: 'view', viewId: 5, filters: { statuses: ['Open'] }, returnAll: true });
		expect(view.error).toBeUndefined();
		expect(sandbox.requests[0].query.filters).toBeUndefined();
		expect(view.items.every((item) => item.json.status === 'Snoozed')).toBe(true);
		const old = await startLibreDeskSandbox({ seed: 3, conversations: 5, version: 'v2.3.1' });
		try {
			const run = await runLibreDesk(credentialsOf(old), { ...list, filters: { tags: [1] } });
			expect(run.error?.message).toBe('Item 1: Tags filtering by tag needs LibreDesk v2.4.0 or later; this server runs v2.3.1');
			expect(old.requests.map((request) => request.path)).toEqual(['/api/v1/settings/general']);
		} finally {
			await old.close();
		}
	});

	it('page_size 100 works on releases before v2.1.0 (§3 "Older servers")', async () => {
		const old = await startLibreDeskSandbox({ seed: 3, conversations: 230, version: 'v1.0.3' });
		try {
			const run = await runLibreDesk(credentialsOf(old), { ...list, returnAll: true });
			expect(run.error).toBeUndefined();
			expect(run.items).toHaveLength(230);
			expect(old.requests.every((request) => request.query.page_size === '100')).toBe(true);
		} finally {
			await old.close();
		}
	});

	it('an agent without conversations:read_all gets the permission named', async () => {
		sandbox.state.setRolePermissions('Agent', sandbox.state.roles.find((role) => role.name === 'Agent')!.permissions.filter((p) => p !== 'conversations:read_all'));
		const run = await runLibreDesk(credentialsOf(sandbox, 'agent'), { ...list, limit: 1 });
		expect(run.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "conversations:read_all")');
	});
});
