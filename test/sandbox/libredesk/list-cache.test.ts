import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_IDS, type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { client, type Client } from './test-client.ts';

/** The benchmark's sandbox keeps list rows between writes (`listCache`); a list must never show data from before one. */
let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 60, seed: 7, listCache: true });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const uuids = async (path: string, as: 'admin' | 'agent' = 'admin') =>
	((await api.get(`${path}?page_size=500&order_by=conversations.created_at&order=desc`, { as })).body.data.results as Array<{ uuid: string }>).map((r) => r.uuid);

describe('listCache', () => {
	it('answers repeated reads alike and counts no GET as a write', async () => {
		const writes = sb.state.writes;
		const first = await uuids('/api/v1/conversations/all');
		expect(first).toHaveLength(60);
		expect(await uuids('/api/v1/conversations/all')).toEqual(first);
		expect(sb.state.writes).toBe(writes);
	});

	it('shows an assignment made through the API in the next read of the agent’s list', async () => {
		const assignedBefore = await uuids('/api/v1/conversations/assigned');
		const target = (await uuids('/api/v1/conversations/all')).find((uuid) => !assignedBefore.includes(uuid)) as string;
		expect((await api.put(`/api/v1/conversations/${target}/assignee/user`, { assignee_id: AGENT_IDS.admin })).body.data).toBe(true);
		expect(await uuids('/api/v1/conversations/assigned')).toContain(target);
		expect(await uuids('/api/v1/conversations/unassigned')).not.toContain(target);
	});

	it('shows a simulated incoming email and forgets everything on reset', async () => {
		expect(await uuids('/api/v1/conversations/all')).toHaveLength(60);
		const { conversation } = sb.simulateIncoming({ subject: 'Cache check' });
		expect(await uuids('/api/v1/conversations/all')).toContain(conversation.uuid);
		sb.reset();
		expect(await uuids('/api/v1/conversations/all')).not.toContain(conversation.uuid);
	});

	it('keeps each list apart: another agent’s assigned list is not the cached one', async () => {
		const [forAdmin, forAgent] = await uuids('/api/v1/conversations/all');
		await api.put(`/api/v1/conversations/${forAdmin}/assignee/user`, { assignee_id: AGENT_IDS.admin });
		await api.put(`/api/v1/conversations/${forAgent}/assignee/user`, { assignee_id: AGENT_IDS.agent });
		const admin = await uuids('/api/v1/conversations/assigned');
		expect(admin).toContain(forAdmin);
		const agent = await uuids('/api/v1/conversations/assigned', 'agent');
		const assignedTo = (uuid: string) => sb.state.conversations.find((c) => c.uuid === uuid)?.assignedUserId;
		expect(admin.every((uuid) => assignedTo(uuid) === AGENT_IDS.admin)).toBe(true);
		expect(agent.every((uuid) => assignedTo(uuid) === AGENT_IDS.agent)).toBe(true);
		expect(agent).toContain(forAgent);
	});
});
