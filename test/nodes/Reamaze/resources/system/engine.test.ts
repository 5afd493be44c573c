import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../../../sandbox/reamaze/index.ts';
import { runReamazeNode } from '../../run';

let sandbox: Sandbox;
const credentials = () => ({ email: sandbox.email, apiToken: sandbox.token, baseUrl: sandbox.baseUrl });

beforeAll(async () => {
	sandbox = await startSandbox();
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

describe('System in the real engine against the sandbox', () => {
	it('lists every status-page system with its UUID and current status', async () => {
		const run = await runReamazeNode({ resource: 'system', operation: 'getAll', returnAll: true }, { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const systems = sandbox.state.systems();
		expect(run.items.map((item) => [item.json.id, item.json.title])).toEqual(systems.map((s) => [s.id, s.title]));
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// The seeded chat incident is active with a major outage of Live chat.
		expect(run.items.find((item) => item.json.title === 'Live chat')?.json.status).toBe('major_outage');
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /acme/api/v1/systems']);
	});

	it('a limit of 2 gives the first two systems', async () => {
		const run = await runReamazeNode({ resource: 'system', operation: 'getAll', returnAll: false, limit: 2 }, { credentials: credentials() });
		expect(run.items.map((item) => item.json.title)).toEqual(sandbox.state.systems().slice(0, 2).map((s) => s.title));
	});
});
