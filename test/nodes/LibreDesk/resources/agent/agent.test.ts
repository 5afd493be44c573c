import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { agentFilter } from '../../../../../nodes/LibreDesk/resources/agent/filter';
import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { runNode, trail } from '../contact/sandboxRun';

describe('agentFilter (GET /agents/compact lists them all, §9.3)', () => {
	const agents = [
		{ id: 2, type: 'agent', enabled: true },
		{ id: 5, type: 'agent', enabled: false },
		{ id: 6, type: 'ai_assistant', enabled: true },
	];
	it.each([
		[{}, [2, 5, 6]],
		[{ onlyEnabled: true }, [2, 6]],
		[{ type: 'agent' }, [2, 5]],
		[{ type: 'ai_assistant', onlyEnabled: true }, [6]],
	])('%j keeps %j', (filters, ids) => {
		expect(agents.filter(agentFilter(filters)).map((agent) => agent.id)).toEqual(ids);
	});

	it('refuses an unknown type', () => {
		expect(() => agentFilter({ type: 'contact' })).toThrow('Type: unknown choice "contact" (use agent or ai_assistant)');
	});
});

describe('Agent on the wire', () => {
	let sb: LibreDeskSandbox;
	beforeAll(async () => {
		sb = await startLibreDeskSandbox({ seed: false });
	});
	beforeEach(() => sb.reset());
	afterAll(async () => sb.close());

	it('Get Many: GET /agents/compact, agents and AI assistants, disabled ones too, no System user', async () => {
		const result = await runNode(sb, { resource: 'agent', operation: 'getAll' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/agents/compact']);
		expect(result.items.map((item) => [item.json.id, item.json.type, item.json.enabled])).toEqual([
			[2, 'agent', true],
			[3, 'agent', true],
			[4, 'agent', true],
			[5, 'agent', false],
			[6, 'ai_assistant', true],
			[7, 'agent', true],
		]);
	});

	it('Get Many hides disabled agents and AI assistants when asked', async () => {
		const result = await runNode(sb, { resource: 'agent', operation: 'getAll', filters: { onlyEnabled: true, type: 'agent' } });
		expect(result.items.map((item) => item.json.first_name)).toEqual(['Alice', 'Bob', 'Carol', 'Ivy']);
	});

	it('Get Me: GET /agents/me, the key\'s agent with permissions, never the secret', async () => {
		const result = await runNode(sb, { resource: 'agent', operation: 'getMe' }, { key: 'agent' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/agents/me']);
		const me = result.items[0].json;
		expect(me).toMatchObject({ id: 3, first_name: 'Bob', roles: ['Agent'], teams: [{ id: 1, name: 'Support' }], api_key: sb.agentKey });
		expect(me.permissions).toContain('conversations:read');
		expect(me.permissions).not.toContain('contacts:read');
		expect(JSON.stringify(result.items)).not.toContain(sb.agentSecret);
	});

	it('a wrong secret is a 401 that says to check the credential, and the secret appears nowhere', async () => {
		sb.state.users.find((user) => user.id === 3)!.apiSecret = 'rotated';
		const result = await runNode(sb, { resource: 'agent', operation: 'getMe' }, { key: 'agent' });
		expect(result.error?.message).toBe('LibreDesk did not accept the API key and secret (HTTP 401): Invalid credential');
		expect(JSON.stringify({ message: result.error?.message, description: result.error?.description, context: result.error?.context })).not.toContain(sb.agentSecret);
	});
});
