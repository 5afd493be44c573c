import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { apiError, client, type Client } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 120, seed: 7 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const q = (filters: unknown) => `filters=${encodeURIComponent(JSON.stringify(filters))}`;
const all = async (query: string) => (await api.get(`/api/v1/conversations/all?page_size=500&${query}`)).body.data;
const ids = (page: { results: { id: number }[] }) => page.results.map((r) => r.id).sort((a, b) => a - b);
const SERVER_ERROR = apiError(500, 'Something went wrong', 'GeneralException');

describe('page and page_size (§3)', () => {
	it('defaults to page 1 of 30 and treats junk or < 1 as the default', async () => {
		for (const query of ['', 'page=0&page_size=0', 'page=abc&page_size=-4', 'page=1.5&page_size=x']) {
			const data = (await api.get(`/api/v1/conversations/all?${query}`)).body.data;
			expect(data).toMatchObject({ total: 120, per_page: 30, total_pages: 4, page: 1 });
			expect(data.results).toHaveLength(30);
		}
	});

	it('clamps page_size above 500 to 500', async () => {
		expect((await api.get('/api/v1/conversations/all?page_size=5000')).body.data).toMatchObject({ per_page: 500, total: 120, total_pages: 1 });
	});

	it('past the last page: no results and total 0, total_pages 0', async () => {
		expect((await api.get('/api/v1/conversations/all?page=5&page_size=30')).body.data).toEqual({ results: [], total: 0, per_page: 30, total_pages: 0, page: 5 });
		const last = (await api.get('/api/v1/conversations/all?page=4&page_size=30')).body.data;
		expect(last).toMatchObject({ total: 120, total_pages: 4, page: 4 });
		expect(last.results).toHaveLength(30);
	});

	it('pages cover every conversation once', async () => {
		const seen = new Set<number>();
		for (let page = 1; page <= 3; page++) for (const r of (await api.get(`/api/v1/conversations/all?page=${page}&page_size=50`)).body.data.results) seen.add(r.id);
		expect(seen.size).toBe(120);
	});
});

describe('order_by / order (§3)', () => {
	it('defaults to last_message_at descending', async () => {
		const times = (await all('')).results.map((r: { last_message_at: string }) => Date.parse(r.last_message_at));
		expect(times).toEqual([...times].sort((a, b) => b - a));
	});

	it('sorts by an allowed field in either direction, any case', async () => {
		const asc = (await all('order_by=conversations.created_at&order=asc')).results.map((r: { created_at: string }) => r.created_at);
		expect(asc).toEqual([...asc].sort());
		const desc = (await all('order_by=conversations.created_at&order=DeSc')).results.map((r: { created_at: string }) => r.created_at);
		expect(desc).toEqual([...asc].reverse());
	});

	it('NULLS LAST in both directions', async () => {
		for (const order of ['asc', 'desc']) {
			const values = (await all(`order_by=conversations.waiting_since&order=${order}`)).results.map((r: { waiting_since: string | null }) => r.waiting_since);
			const firstNull = values.indexOf(null);
			expect(firstNull).toBeGreaterThan(0);
			expect(values.slice(firstNull).every((v: unknown) => v === null)).toBe(true);
		}
	});

	it('an unknown order_by or order is a 500', async () => {
		for (const query of ['order_by=conversations.subject', 'order_by=created_at', 'order_by=conversations.created_at&order=up']) {
			expect(await api.get(`/api/v1/conversations/all?${query}`)).toMatchObject(SERVER_ERROR);
		}
	});

	it('contacts without order_by come in a different order per request; with it, stable', async () => {
		const emails = async (query: string) => (await api.get(`/api/v1/contacts?page_size=200&${query}`)).body.data.results.map((r: { email: string }) => r.email);
		const first = await emails('');
		const second = await emails('');
		expect(new Set(first)).toEqual(new Set(second));
		expect(first).not.toEqual(second);
		const sorted = await emails('order_by=users.email&order=asc');
		expect(sorted).toEqual([...sorted].sort());
		expect(await emails('order_by=users.email&order=asc')).toEqual(sorted);
	});
});

describe('filters (§3)', () => {
	it('legacy flat array: AND of conditions', async () => {
		const open = await all(q([{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Open' }]));
		expect(open.results.length).toBeGreaterThan(0);
		expect(open.results.every((r: { status: string }) => r.status === 'Open')).toBe(true);
		const both = await all(q([
			{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Open' },
			{ model: 'conversations', field: 'assigned_team_id', operator: 'equals', value: '1' },
		]));
		expect(both.results.every((r: { status: string; assigned_team_id: number }) => r.status === 'Open' && r.assigned_team_id === 1)).toBe(true);
		expect(both.results.length).toBeLessThan(open.results.length);
	});

	it('{logic, rules} groups with OR and one nested level', async () => {
		const or = await all(q({ logic: 'OR', rules: [
			{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Open' },
			{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Closed' },
		] }));
		const open = await all(q([{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Open' }]));
		const closed = await all(q([{ model: 'conversation_statuses', field: 'name', operator: 'equals', value: 'Closed' }]));
		expect(or.total).toBe(open.total + closed.total);
		const nested = await all(q({ logic: 'AND', rules: [
			{ model: 'inboxes', field: 'channel', operator: 'equals', value: 'email' },
			{ logic: 'OR', rules: [{ model: 'conversations', field: 'priority_id', operator: 'equals', value: '3' }, { model: 'conversations', field: 'priority_id', operator: 'not set' }] },
		] }));
		expect(nested.results.every((r: { inbox_channel: string; priority_id: number | null }) => r.inbox_channel === 'email' && (r.priority_id === 3 || r.priority_id === null))).toBe(true);
	});

	it('in, set / not set, not equals (NULL never matches)', async () => {
		const inList = await all(q([{ model: 'conversations', field: 'assigned_user_id', operator: 'in', value: '["2","3"]' }]));
		expect(inList.results.every((r: { assigned_user_id: number }) => [2, 3].includes(r.assigned_user_id))).toBe(true);
		const set = await all(q([{ model: 'conversations', field: 'assigned_user_id', operator: 'set' }]));
		const notSet = await all(q([{ model: 'conversations', field: 'assigned_user_id', operator: 'not set' }]));
		expect(set.total + notSet.total).toBe(120);
		const notTwo = await all(q([{ model: 'conversations', field: 'assigned_user_id', operator: 'not equals', value: '2' }]));
		expect(notTwo.results.every((r: { assigned_user_id: number | null }) => r.assigned_user_id !== null && r.assigned_user_id !== 2)).toBe(true);
	});

	it('tag filter by tag IDs: contains = any, not contains = none (v2.4.0)', async () => {
		const withBug = sb.state.conversations.filter((c) => c.tagIds.includes(2) || c.tagIds.includes(4)).map((c) => c.id).sort((a, b) => a - b);
		expect(withBug.length).toBeGreaterThan(0);
		expect(ids(await all(q([{ model: 'conversations', field: 'tags', operator: 'contains', value: '[2,4]' }])))).toEqual(withBug);
		expect((await all(q([{ model: 'conversations', field: 'tags', operator: 'not contains', value: '[2,4]' }]))).total).toBe(120 - withBug.length);
		const untagged = sb.state.conversations.filter((c) => c.tagIds.length === 0).length;
		expect((await all(q([{ model: 'conversations', field: 'tags', operator: 'not set' }]))).total).toBe(untagged);
	});

	it('dates: greater than / less than a day, between two days inclusive', async () => {
		const created = sb.state.conversations.map((c) => c.createdAt).sort((a, b) => a - b);
		const middle = new Date(created[60] / 1000).toISOString().slice(0, 10);
		const dayStart = Date.parse(`${middle}T00:00:00Z`) * 1000;
		const dayEnd = dayStart + 86_400_000_000;
		const after = await all(q([{ model: 'conversations', field: 'created_at', operator: 'greater than', value: middle }]));
		expect(after.total).toBe(created.filter((t) => t >= dayEnd).length);
		const before = await all(q([{ model: 'conversations', field: 'created_at', operator: 'less than', value: middle }]));
		expect(before.total).toBe(created.filter((t) => t < dayStart).length);
		const between = await all(q([{ model: 'conversations', field: 'created_at', operator: 'between', value: `${middle},${middle}` }]));
		expect(between.total).toBe(created.filter((t) => t >= dayStart && t < dayEnd).length);
		expect(between.total).toBeGreaterThan(0);
	});

	it('contacts filter with ilike on email', async () => {
		const data = (await api.get(`/api/v1/contacts?page_size=200&${q([{ model: 'users', field: 'email', operator: 'ilike', value: 'EMMA' }])}`)).body.data;
		expect(data.total).toBeGreaterThan(0);
		expect(data.results.every((r: { email: string }) => r.email.includes('emma'))).toBe(true);
	});

	it('empty filters ("", [], null) mean no filter', async () => {
		for (const value of ['', '[]', 'null']) expect((await all(`filters=${encodeURIComponent(value)}`)).total).toBe(120);
	});

	it('anything the server would refuse is a 500', async () => {
		const leaf = { model: 'conversations', field: 'inbox_id', operator: 'equals', value: '1' };
		const bad = [
			'not json',
			[{ model: 'nope', field: 'x', operator: 'equals', value: '1' }],
			[{ model: 'conversations', field: 'subject', operator: 'equals', value: '1' }],
			[{ ...leaf, operator: 'like' }],
			[{ ...leaf, value: 1 }],
			[{ ...leaf, value: '' }],
			[{ ...leaf, operator: 'in', value: '[1,2]' }],
			[{ ...leaf, operator: 'in', value: '[]' }],
			[{ ...leaf, operator: 'contains', value: 'x' }],
			{ logic: 'XOR', rules: [leaf] },
			{ logic: 'AND', rules: [{ logic: 'AND', rules: [{ logic: 'AND', rules: [leaf] }] }] },
			{ logic: 'AND', rules: Array.from({ length: 11 }, () => ({ logic: 'OR', rules: [leaf] })) },
			Array.from({ length: 51 }, () => leaf),
		];
		for (const filters of bad) {
			const text = typeof filters === 'string' ? filters : JSON.stringify(filters);
			expect(await api.get(`/api/v1/conversations/all?filters=${encodeURIComponent(text)}`), text.slice(0, 80)).toMatchObject(SERVER_ERROR);
		}
		expect((await all(q(Array.from({ length: 50 }, () => leaf)))).total).toBeGreaterThan(0);
	});
});

describe('the other lists (§5.3)', () => {
	it('assigned = the key agent, unassigned = no user and no team', async () => {
		const assigned = (await api.get('/api/v1/conversations/assigned?page_size=500', { as: 'agent' })).body.data;
		expect(assigned.total).toBe(sb.state.conversations.filter((c) => c.assignedUserId === 3).length);
		expect(assigned.results.every((r: { assigned_user_id: number }) => r.assigned_user_id === 3)).toBe(true);
		const unassigned = (await api.get('/api/v1/conversations/unassigned?page_size=500')).body.data;
		expect(unassigned.total).toBe(sb.state.conversations.filter((c) => c.assignedUserId === null && c.assignedTeamId === null).length);
	});

	it('team unassigned needs membership', async () => {
		const support = (await api.get('/api/v1/teams/1/conversations/unassigned?page_size=500', { as: 'agent' })).body.data;
		expect(support.total).toBe(sb.state.conversations.filter((c) => c.assignedTeamId === 1 && c.assignedUserId === null).length);
		expect(await api.get('/api/v1/teams/2/conversations/unassigned', { as: 'agent' })).toMatchObject(
			apiError(403, "You're not a member of this team, Please refresh the page and try again", 'PermissionException'),
		);
	});

	it('mentioned lists conversations where the agent or their team was mentioned, with the message uuid', async () => {
		const data = (await api.get('/api/v1/conversations/mentioned?page_size=500', { as: 'agent' })).body.data;
		expect(data.total).toBeGreaterThan(0);
		for (const r of data.results) expect(r.mentioned_message_uuid).toMatch(/^[0-9a-f-]{36}$/);
		expect((await api.get('/api/v1/conversations/all?page_size=5')).body.data.results[0].mentioned_message_uuid).toBeNull();
	});

	it('views: own, team and shared views; others are 403; unknown 404', async () => {
		const mine = (await api.get('/api/v1/views/me')).body.data;
		expect(mine.map((v: { name: string }) => v.name)).toEqual(['My open']);
		const viaView = (await api.get(`/api/v1/views/${mine[0].id}/conversations?page_size=500`)).body.data;
		expect(viaView.results.every((r: { status: string }) => r.status === 'Open')).toBe(true);
		expect((await api.get(`/api/v1/views/${mine[0].id}/conversations`, { as: 'agent' })).status).toBe(403);
		expect((await api.get('/api/v1/views/3/conversations', { as: 'agent' })).status).toBe(200);
		expect((await api.get('/api/v1/views/4/conversations', { as: 'agent' })).body).toMatchObject({ message: 'You do not have access to this view', error_type: 'PermissionException' });
		expect((await api.get('/api/v1/views/99/conversations')).status).toBe(404);
		expect((await api.get('/api/v1/views/shared', { as: 'agent' })).body.data.map((v: { name: string }) => v.name)).toEqual(['Support queue', 'Everything snoozed']);
	});

	it('unread_message_count is per agent: last-seen clears it, mark-unread makes it count again (§5.9)', async () => {
		const uuid = sb.state.conversations[10].uuid;
		const count = async () => (await all(q([{ model: 'conversations', field: 'inbox_id', operator: 'set' }]))).results.find((r: { uuid: string }) => r.uuid === uuid).unread_message_count;
		expect((await api.put(`/api/v1/conversations/${uuid}/last-seen`)).body.data).toBe(true);
		expect(await count()).toBe(0);
		expect((await api.put(`/api/v1/conversations/${uuid}/mark-unread`)).body.data).toBe(true);
		expect(await count()).toBeGreaterThanOrEqual(1);
		expect(await count()).toBeLessThanOrEqual(10);
	});
});
