import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { LibreDesk } from '../../../../nodes/LibreDesk/LibreDesk.node';
import { conversationItem, searchConversations, subjectWithoutReference } from '../../../../nodes/LibreDesk/methods/listSearch';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../sandbox/libredesk/index.ts';
import { liveLoadOptions } from '../fakeContext';
import { credentialsOf } from '../run';
import * as loadOptions from '../../../../nodes/LibreDesk/methods/loadOptions';

let sandbox: LibreDeskSandbox;
beforeAll(async () => {
	sandbox = await startLibreDeskSandbox({ seed: 7, conversations: 60 });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const admin = () => liveLoadOptions(credentialsOf(sandbox));

describe('dropdowns filled from the server (§9)', () => {
	it('Create offers only enabled email inboxes; filters offer every inbox', async () => {
		expect(await loadOptions.getEmailInboxes.call(admin())).toEqual([
			{ name: 'Sales (email)', value: 2, description: expect.any(String) },
			{ name: 'Support (email)', value: 1, description: expect.any(String) },
		]);
		const all = await loadOptions.getInboxes.call(admin());
		expect(all.map((option) => option.name)).toEqual(['Legacy (email) · disabled', 'Sales (email)', 'Support (email)', 'Website chat (livechat)']);
	});

	it('teams from /teams/compact, agents from /agents/compact without disabled ones', async () => {
		expect(await loadOptions.getTeams.call(admin())).toEqual([
			{ name: '🎧 Support', value: 1 },
			{ name: '🚨 Escalations', value: 3 },
			{ name: '💳 Billing', value: 2 },
		].sort((a, b) => a.name.localeCompare(b.name)));
		const agents = await loadOptions.getAgents.call(admin());
		expect(agents.map((option) => option.value)).toEqual(expect.arrayContaining([2, 3, 4, 6, 7]));
		expect(agents.map((option) => option.value)).not.toContain(5);
		expect(agents.find((option) => option.value === 6)?.name).toBe('Aria AI (AI assistant)');
		expect(sandbox.requests.map((request) => request.path)).toEqual(['/api/v1/teams/compact', '/api/v1/agents/compact']);
	});

	it('statuses and tags by name (what the update routes take), tags and priorities by ID for filters', async () => {
		const statuses = await loadOptions.getStatuses.call(admin());
		expect(statuses.map((option) => option.value)).toEqual(['Closed', 'Open', 'Resolved', 'Snoozed', 'Waiting on customer']);
		expect(statuses.find((option) => option.value === 'Snoozed')?.description).toBe('Category: waiting');
		const tags = await loadOptions.getTags.call(admin());
		expect(tags.map((option) => option.value)).toContain('R&D <beta>');
		const tagIds = await loadOptions.getTagIds.call(admin());
		expect(tagIds.find((option) => option.name === 'vip')?.value).toBe(5);
		expect(await loadOptions.getPriorities.call(admin())).toEqual([
			{ name: 'High', value: 'High' },
			{ name: 'Low', value: 'Low' },
			{ name: 'Medium', value: 'Medium' },
		]);
		expect((await loadOptions.getPriorityIds.call(admin())).find((option) => option.name === 'High')?.value).toBe(3);
	});

	it('views: own and shared; an agent without view:manage still gets the shared ones', async () => {
		const views = await loadOptions.getViews.call(admin());
		expect(views.map((option) => `${option.name}|${option.description}`)).toEqual(
			expect.arrayContaining(['My open|My view', 'Support queue|Shared view', 'Everything snoozed|Shared view']),
		);
		const agentRole = sandbox.state.roles.find((role) => role.name === 'Agent')!;
		sandbox.state.setRolePermissions('Agent', agentRole.permissions.filter((permission) => permission !== 'view:manage'));
		const agentViews = await loadOptions.getViews.call(liveLoadOptions(credentialsOf(sandbox, 'agent')));
		expect(agentViews.map((option) => option.name)).toEqual(['Everything snoozed', 'Support queue']);
	});

	it('macros by ID and custom attribute keys per kind', async () => {
		const macros = await loadOptions.getMacros.call(admin());
		expect(macros.map((option) => option.name)).toEqual(['Escalate', 'Greeting reply', 'Internal note', 'Resolve with thanks']);
		expect((await loadOptions.getConversationAttributes.call(admin())).map((option) => option.value).sort()).toEqual(['escalated', 'order_id', 'plan', 'renewal_date', 'seats']);
		expect((await loadOptions.getContactAttributes.call(admin())).map((option) => option.value).sort()).toEqual(['company', 'tier', 'website']);
		expect(sandbox.requests.slice(-2).map((request) => request.queryString)).toEqual(['applies_to=conversation', 'applies_to=contact']);
	});

	it('every loadOptions method the description names exists, and the reverse', () => {
		const node = new LibreDesk();
		const named = new Set<string>();
		const visit = (value: unknown) => {
			if (!value || typeof value !== 'object') return;
			const { loadOptionsMethod } = value as { loadOptionsMethod?: unknown };
			if (typeof loadOptionsMethod === 'string') named.add(loadOptionsMethod);
			for (const child of Object.values(value)) visit(child);
		};
		visit(node.description.properties);
		for (const name of named) expect(node.methods.loadOptions).toHaveProperty(name);
	});

	it('a failing picker answers fast with the reason', async () => {
		const wrong = liveLoadOptions({ ...credentialsOf(sandbox), apiSecret: 'wrong' });
		await expect(loadOptions.getTeams.call(wrong)).rejects.toThrow('LibreDesk did not accept the API key and secret (HTTP 401): Invalid credential');
	});
});

describe('conversation search (From List)', () => {
	it('without a filter: the first page of /conversations/all, with a next-page token and UI links', async () => {
		const result = await searchConversations.call(admin());
		expect(sandbox.requests[0].path).toBe('/api/v1/conversations/all');
		expect(sandbox.requests[0].query).toMatchObject({ page: '1', page_size: '30' });
		expect(result.results).toHaveLength(30);
		expect(result.paginationToken).toBe('2');
		const first = result.results[0];
		expect(first.name).toMatch(/^#\d+ · /);
		expect(first.url).toBe(`${sandbox.url}/inboxes/all/conversation/${first.value as string}`);
		const next = await searchConversations.call(admin(), undefined, '2');
		expect(next.results).toHaveLength(30);
		expect(next.paginationToken).toBeUndefined();
	});

	it('a row names the reference once: the stored " - #ref" suffix of the subject is dropped (§5.1)', async () => {
		const target = sandbox.state.conversations.find((conversation) => conversation.subject)!;
		const result = await searchConversations.call(admin(), ` ${target.referenceNumber} `);
		const row = result.results.find((item) => item.value === target.uuid)!;
		expect(target.subject).toMatch(new RegExp(` - #${target.referenceNumber}$`));
		expect(row.name).toMatch(new RegExp(`^#${target.referenceNumber} · ${target.subject!.replace(` - #${target.referenceNumber}`, '')} · \\w+$`));
	});

	it('subjects: only the exact reference suffix goes; an empty subject falls back to the contact email', () => {
		expect(subjectWithoutReference('Refund - #12', '12')).toBe('Refund');
		expect(subjectWithoutReference('Refund - #123', '12')).toBe('Refund - #123');
		expect(subjectWithoutReference('[#12] Refund', '12')).toBe('[#12] Refund');
		expect(subjectWithoutReference(null, '12')).toBeNull();
		expect(conversationItem({ uuid: 'u-1', reference_number: '7', subject: ' - #7', status: 'Open', contact: { email: 'a@example.com' } }, undefined)).toEqual({
			name: '#7 · a@example.com · Open',
			value: 'u-1',
		});
	});

	it('3 or more characters: the search route, which matches reference numbers exactly (§10)', async () => {
		const target = sandbox.state.conversations[12];
		const result = await searchConversations.call(admin(), ` ${target.referenceNumber} `);
		expect(sandbox.requests[0].path).toBe('/api/v1/conversations/search');
		expect(sandbox.requests[0].query).toEqual({ query: target.referenceNumber });
		expect(result.results.map((item) => item.value)).toContain(target.uuid);
	});

	it('an agent without read_all gets their assigned conversations instead of an error', async () => {
		const agentRole = sandbox.state.roles.find((role) => role.name === 'Agent')!;
		sandbox.state.setRolePermissions('Agent', agentRole.permissions.filter((permission) => permission !== 'conversations:read_all'));
		const result = await searchConversations.call(liveLoadOptions(credentialsOf(sandbox, 'agent')));
		expect(sandbox.requests.map((request) => request.path)).toEqual(['/api/v1/conversations/all', '/api/v1/conversations/assigned']);
		const assigned = new Set(sandbox.state.conversations.filter((c) => c.assignedUserId === 3).map((c) => c.uuid));
		expect(result.results.every((item) => assigned.has(item.value as string))).toBe(true);
	});
});
