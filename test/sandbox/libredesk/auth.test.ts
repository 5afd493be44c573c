import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LibreDeskSandbox, startLibreDeskSandbox } from './index.ts';
import { apiError, authHeader, client, type Client } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 20 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const withHeader = (value: string) => ({ as: null, headers: { authorization: value } });

describe('key pairs (§1 "Key format")', () => {
	it('hands out 32-character keys and 64-character secrets, all alphanumeric', () => {
		for (const who of ['admin', 'agent', 'integration', 'disabled'] as const) {
			expect(sb[`${who}Key`]).toMatch(/^[A-Za-z0-9]{32}$/);
			expect(sb[`${who}Secret`]).toMatch(/^[A-Za-z0-9]{64}$/);
		}
		expect(new Set([sb.adminKey, sb.agentKey, sb.integrationKey, sb.disabledKey]).size).toBe(4);
	});
});

describe('both header forms (§1)', () => {
	it('accepts Basic base64(key:secret) and lower-case token key:secret as the same agent', async () => {
		const basic = await api.get('/api/v1/agents/me', { scheme: 'basic' });
		const token = await api.get('/api/v1/agents/me', { scheme: 'token' });
		expect(basic.status).toBe(200);
		const { api_key_last_used_at: _a, ...basicRest } = basic.body.data;
		const { api_key_last_used_at: _b, ...tokenRest } = token.body.data;
		expect(tokenRest).toEqual(basicRest);
		expect(basic.body.data).toMatchObject({ id: 2, email: 'alice@desk.test', roles: ['Admin'], api_key: sb.adminKey });
		expect(basic.text).not.toContain(sb.adminSecret);
	});

	it('trims spaces around the base64 part and splits at the first colon only', async () => {
		const encoded = Buffer.from(`${sb.agentKey}:${sb.agentSecret}`).toString('base64');
		expect((await api.get('/api/v1/agents/me', withHeader(`Basic   ${encoded}  `))).body.data.id).toBe(3);
		const withColon = Buffer.from(`${sb.agentKey}:${sb.agentSecret}:extra`).toString('base64');
		expect(await api.get('/api/v1/agents/me', withHeader(`Basic ${withColon}`))).toMatchObject(apiError(401, 'Invalid credential', 'GeneralException'));
	});

	it('works on write routes without any CSRF token', async () => {
		const reply = await api.put('/api/v1/conversations/00000000-0000-4000-8000-000000000000/priority', { priority: 'High' }, { scheme: 'token' });
		expect(reply).toMatchObject(apiError(404, 'Conversation not found', 'NotFoundException'));
	});
});

describe('authentication failures (§1.1 table)', () => {
	it('401 Invalid credential (GeneralException) for an unknown key, a wrong secret and a disabled agent', async () => {
		const wrongSecret = `token ${sb.adminKey}:${sb.agentSecret}`;
		const unknownKey = `token ${'x'.repeat(32)}:${sb.adminSecret}`;
		for (const header of [wrongSecret, unknownKey]) {
			expect(await api.get('/api/v1/agents/me', withHeader(header))).toMatchObject(apiError(401, 'Invalid credential', 'GeneralException'));
			expect(await api.post('/api/v1/webhooks', {}, withHeader(header))).toMatchObject(apiError(401, 'Invalid credential', 'GeneralException'));
		}
		expect(await api.get('/api/v1/agents/me', { as: 'disabled' })).toMatchObject(apiError(401, 'Invalid credential', 'GeneralException'));
	});

	const unparsable = {
		'no header': undefined,
		'Bearer scheme': 'Bearer abc:def',
		'Token with a capital T': 'Token abc:def',
		'basic in lower case': 'basic YWJjOmRlZg==',
		'bad base64': 'Basic !!!notbase64',
		'base64 without a colon': `Basic ${Buffer.from('abcdef').toString('base64')}`,
		'empty secret': 'token abc:',
		'empty key': `Basic ${Buffer.from(':secret').toString('base64')}`,
	};

	for (const [name, header] of Object.entries(unparsable)) {
		it(`${name}: GET → 401 Invalid or expired session; POST/PUT/DELETE → 403 CSRF token mismatch`, async () => {
			const options = header === undefined ? { as: null } : withHeader(header);
			expect(await api.get('/api/v1/agents/me', options)).toMatchObject(apiError(401, 'Invalid or expired session', 'GeneralException'));
			expect(await api.post('/api/v1/webhooks', { name: 'x' }, options)).toMatchObject(apiError(403, 'CSRF token mismatch', 'PermissionException'));
			expect(await api.put('/api/v1/webhooks/1', { name: 'x' }, options)).toMatchObject(apiError(403, 'CSRF token mismatch', 'PermissionException'));
			expect(await api.del('/api/v1/webhooks/1', options)).toMatchObject(apiError(403, 'CSRF token mismatch', 'PermissionException'));
		});
	}

	it('a matching CSRF cookie and header pass the CSRF check and then fail the session', async () => {
		const reply = await api.post('/api/v1/webhooks', {}, { as: null, headers: { cookie: 'csrf_token=abc', 'x-csrftoken': 'abc' } });
		expect(reply).toMatchObject(apiError(401, 'Invalid or expired session', 'GeneralException'));
	});

	it('403 Permission denied (PermissionException) when the route permission is missing', async () => {
		expect(await api.get('/api/v1/webhooks', { as: 'agent' })).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
		expect(await api.get('/api/v1/contacts', { as: 'agent' })).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
		expect(await api.post('/api/v1/conversations', {}, { as: 'agent' })).toMatchObject(apiError(403, 'Permission denied', 'PermissionException'));
	});

	it('routes needing only a valid key work for the agent; /health needs none', async () => {
		expect((await api.get('/api/v1/agents/me', { as: 'agent' })).body.data).toMatchObject({ id: 3, roles: ['Agent'], teams: [{ id: 1, name: 'Support', emoji: '🎧' }] });
		expect(await api.get('/health', { as: null })).toMatchObject({ status: 200, body: { status: 'success', data: true } });
	});

	it('unknown routes are 404 and wrong methods 405 before any auth check (§2 router errors)', async () => {
		expect(await api.get('/api/v1/nothing-here', { as: null })).toMatchObject(apiError(404, 'Route not found', 'GeneralException'));
		expect(await api.get('/api/v1/conversations/', { as: null })).toMatchObject(apiError(404, 'Route not found', 'GeneralException'));
		expect(await api.del('/api/v1/tags', { as: null })).toMatchObject(apiError(405, 'Request method not allowed', 'GeneralException'));
	});
});

describe('permissions and the conversation access rule (§1.2)', () => {
	it('Admin lacks only messages:write_as_contact; Agent has the documented default list', async () => {
		const admin = (await api.get('/api/v1/agents/me')).body.data.permissions as string[];
		const agent = (await api.get('/api/v1/agents/me', { as: 'agent' })).body.data.permissions as string[];
		expect(admin).not.toContain('messages:write_as_contact');
		expect(admin).toHaveLength(43);
		expect(admin).toEqual([...admin].sort());
		expect(agent).toEqual(
			[
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
			].sort(),
		);
		expect((await api.get('/api/v1/agents/me', { as: 'integration' })).body.data.permissions).toContain('messages:write_as_contact');
	});

	it('without read_all an agent reaches only assigned, team and unassigned conversations (403 otherwise)', async () => {
		sb.state.setRolePermissions('Agent', ['conversations:read', 'conversations:read_assigned', 'conversations:read_team_inbox', 'conversations:read_unassigned', 'messages:read']);
		sb.state.conversations[0].assignedTeamId = 2;
		sb.state.conversations[0].assignedUserId = 4;
		sb.state.conversations[1].assignedTeamId = 1;
		sb.state.conversations[1].assignedUserId = null;
		sb.state.conversations[2].assignedTeamId = 1;
		sb.state.conversations[2].assignedUserId = 4;
		sb.state.conversations[3].assignedTeamId = null;
		sb.state.conversations[3].assignedUserId = 3;
		sb.state.conversations[4].assignedTeamId = null;
		sb.state.conversations[4].assignedUserId = null;
		const expected = [403, 200, 403, 200, 200];
		for (let i = 0; i < 5; i++) {
			const uuid = sb.state.conversations[i].uuid;
			const reply = await api.get(`/api/v1/conversations/${uuid}`, { as: 'agent' });
			expect(reply.status, `conversation ${i}`).toBe(expected[i]);
			if (expected[i] === 403) expect(reply.body).toEqual({ status: 'error', message: 'Permission denied', data: null, error_type: 'PermissionException' });
			expect((await api.get(`/api/v1/conversations/${uuid}/messages`, { as: 'agent' })).status).toBe(expected[i]);
		}
		// read_team_all lets team members see the team's assigned conversations too.
		sb.state.setRolePermissions('Agent', ['conversations:read', 'conversations:read_team_all']);
		expect((await api.get(`/api/v1/conversations/${sb.state.conversations[2].uuid}`, { as: 'agent' })).status).toBe(200);
	});

	it('a non-UUID path is a 500 and an unknown UUID a 404 (§2)', async () => {
		expect(await api.get('/api/v1/conversations/not-a-uuid')).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect(await api.get('/api/v1/conversations/7f0c2b4e-1111-4222-8333-944455556666')).toMatchObject(apiError(404, 'Conversation not found', 'NotFoundException'));
	});

	it('records api_key_last_used_at for the key agent', async () => {
		expect((await api.get('/api/v1/agents/me', { headers: { authorization: authHeader(sb, 'agent') }, as: null })).body.data.api_key_last_used_at).toMatch(/Z$/);
	});
});
