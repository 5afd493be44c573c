import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_TOKENS, type Sandbox, startSandbox } from './index.ts';
import { client, getWithHost } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

describe('authentication (§1, §5)', () => {
	it('answers 401 with a Basic challenge when no credentials are sent', async () => {
		const reply = await api.get('/channels', { auth: null });
		expect(reply.status).toBe(401);
		expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Application"');
		expect(reply.body).toEqual({ error: expect.any(String) });
	});

	it('answers 403 for a wrong token and for an unknown email', async () => {
		expect((await api.get('/channels', { auth: { email: sb.email, token: 'nope' } })).status).toBe(403);
		expect((await api.get('/channels', { auth: { email: 'ghost@acme.test', token: sb.token } })).status).toBe(403);
	});

	it('accepts the owner and the seeded agents, and the email is case-insensitive', async () => {
		expect((await api.get('/channels')).status).toBe(200);
		expect((await api.get('/channels', { auth: { email: 'OWNER@acme.test', token: sb.token } })).status).toBe(200);
		expect((await api.get('/channels', { auth: { email: 'sam@acme.test', token: AGENT_TOKENS.sam } })).status).toBe(200);
	});

	it('attributes messages to the authenticated user by default', async () => {
		const created = await api.post('/conversations', {
			conversation: { subject: 'Hi', category: 'support', message: { body: 'x' }, user: { email: 'c@example.com' } },
		});
		const reply = await api.post(`/conversations/${created.body.slug}/messages`, { message: { body: 'From Sam' } }, { auth: { email: 'sam@acme.test', token: AGENT_TOKENS.sam } });
		expect(reply.status).toBe(200);
		expect(reply.body.user).toEqual({ name: 'Sam Rivera', email: 'sam@acme.test', mobile: null, 'staff?': true });
	});
});

describe('brand routing', () => {
	it('serves a brand under /{brand}/api/v1 and keeps brands apart', async () => {
		const acme = await api.get('/channels');
		const eu = await api.get('/channels', { base: `${sb.url}/acme-eu/api/v1` });
		expect(acme.body.channels.map((c: { slug: string }) => c.slug)).toEqual(['support', 'sales', 'chat', 'sms']);
		expect(eu.body.channels.map((c: { slug: string }) => c.slug)).toEqual(['eu-support']);
	});

	it('serves /api/v1 with the brand taken from the Host header', async () => {
		const reply = await getWithHost(sb, 'acme-eu.reamaze.io', '/api/v1/channels');
		expect(reply.status).toBe(200);
		expect(reply.body.channels.map((c: { slug: string }) => c.slug)).toEqual(['eu-support']);
	});

	it('answers 404 for an unknown brand, by path and by Host', async () => {
		expect((await api.get('/channels', { base: `${sb.url}/nope/api/v1` })).status).toBe(404);
		expect((await getWithHost(sb, 'nope.reamaze.io', '/api/v1/channels')).status).toBe(404);
		expect((await getWithHost(sb, '127.0.0.1', '/api/v1/channels')).status).toBe(404);
	});

	it('answers 404 JSON for unknown routes and unsupported methods', async () => {
		const unknown = await api.get('/widgets');
		expect(unknown.status).toBe(404);
		expect(unknown.body).toEqual({ error: expect.stringContaining('No route matches') });
		expect((await api.del('/channels')).status).toBe(404);
		expect((await api.call('PATCH', '/conversations/x', {})).status).toBe(404);
	});
});

describe('content negotiation (§1, §6.17)', () => {
	it('requires Accept: application/json or a .json suffix', async () => {
		const html = { headers: { accept: 'text/html' } };
		expect((await api.get('/channels', html)).status).toBe(406);
		const suffixed = await api.get('/channels.json', html);
		expect(suffixed.status).toBe(200);
		expect(suffixed.body.total_count).toBe(4);
		expect((await api.get('/channels/support.json', html)).body.slug).toBe('support');
	});

	it('answers 400 for a JSON body that does not parse', async () => {
		const reply = await api.post('/conversations', '{"conversation":', { headers: { 'content-type': 'application/json' } });
		expect(reply.status).toBe(400);
	});

	it('gives a non-JSON body no params, so the create fails validation', async () => {
		const reply = await api.post('/conversations', 'subject=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
		expect(reply.status).toBe(422);
		expect(reply.body).toEqual({ errors: { conversation: ['is missing'] } });
		expect(sb.requests[0].body).toBe('subject=x');
	});
});

describe('request recording', () => {
	it('records method, path, query, lower-case headers, parsed body and status', async () => {
		await api.get('/conversations?filter=all&data[plan]=pro&tag=a&tag=b');
		await api.put('/conversations/missing', { conversation: { status: 1 } });
		expect(sb.requests).toHaveLength(2);
		expect(sb.requests[0]).toMatchObject({
			method: 'GET',
			path: '/acme/api/v1/conversations',
			query: { filter: 'all', 'data[plan]': 'pro', tag: ['a', 'b'] },
			status: 200,
		});
		expect(sb.requests[0].headers.accept).toBe('application/json');
		expect(sb.requests[0].headers.authorization).toMatch(/^Basic /);
		expect(sb.requests[1]).toMatchObject({ method: 'PUT', body: { conversation: { status: 1 } }, status: 404 });
	});

	it('does not record control endpoints', async () => {
		const reply = await fetch(`${sb.url}/__sandbox/state`);
		expect(reply.status).toBe(200);
		expect(await reply.json()).toMatchObject({ brands: { acme: { channels: 4, conversations: 0 }, 'acme-eu': { channels: 1 } }, staff: 4, contacts: 0 });
		expect(sb.requests).toHaveLength(0);
	});

	it('POST /__sandbox/reset restores the initial data', async () => {
		await api.post('/contacts', { contact: { email: 'reset@example.com' } });
		expect(sb.state.contacts).toHaveLength(1);
		const reply = await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
		expect(reply.status).toBe(200);
		expect(sb.state.contacts).toHaveLength(0);
		expect(sb.requests).toHaveLength(0);
	});
});
