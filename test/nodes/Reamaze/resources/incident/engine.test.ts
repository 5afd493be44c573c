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

describe('Incident in the real engine against the sandbox (bare-array list)', () => {
	it('lists, opens, updates and reads back an incident', async () => {
		const listed = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true }, { credentials: credentials() });
		expect(listed.error).toBeUndefined();
		expect(listed.items.map((item) => item.json.id).sort()).toEqual(sandbox.state.incidents().map((i) => i.id).sort());

		const website = sandbox.state.systems().find((s) => s.title === 'Website')!;
		const created = await runReamazeNode(
			{
				resource: 'incident',
				operation: 'create',
				title: 'Checkout errors',
				status: 'investigating',
				message: 'Some payments fail.',
				systems: { system: [{ systemId: website.id, status: 'partial_outage' }] },
			},
			{ credentials: credentials() },
		);
		expect(created.error).toBeUndefined();
		expect(created.items[0].pairedItem).toEqual({ item: 0 });
		const id = String(created.items[0].json.id);
		expect(created.items[0].json).toMatchObject({
			title: 'Checkout errors',
			status: 'investigating',
			incidents_systems: [{ system_id: website.id, status: 'partial_outage' }],
		});

		const resolved = await runReamazeNode(
			{
				resource: 'incident',
				operation: 'update',
				incidentId: id,
				updateFields: { status: 'resolved', message: 'Payments work again.' },
				systems: { system: [{ systemId: website.id, status: 'operational' }] },
			},
			{ credentials: credentials() },
		);
		expect(resolved.error).toBeUndefined();
		expect(resolved.items[0]).toMatchObject({ json: { id, status: 'resolved' }, pairedItem: { item: 0 } });

		const stored = sandbox.state.incidents().find((i) => i.id === id)!;
		expect(stored.updates.map((u) => [u.status, u.message])).toEqual([
			['investigating', 'Some payments fail.'],
			['resolved', 'Payments work again.'],
		]);
		expect(stored.systems.map((s) => [s.systemId, s.status])).toEqual([[website.id, 'operational']]);

		const fetched = await runReamazeNode({ resource: 'incident', operation: 'get', incidentId: id }, { credentials: credentials() });
		expect(fetched.items[0].json).toMatchObject({ id, title: 'Checkout errors', status: 'resolved' });
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /acme/api/v1/incidents',
			'POST /acme/api/v1/incidents',
			`PUT /acme/api/v1/incidents/${id}`,
			`GET /acme/api/v1/incidents/${id}`,
		]);
	});

	it('an unknown system is refused by the API with its own explanation', async () => {
		const run = await runReamazeNode(
			{ resource: 'incident', operation: 'create', title: 'X', status: 'investigating', message: 'Y', systems: { system: [{ systemId: 'nope', status: 'major_outage' }] } },
			{ credentials: credentials() },
		);
		expect(run.error?.message).toBe('Re:amaze refused the request (HTTP 422): System not found: nope');
		expect(sandbox.state.incidents().some((i) => i.title === 'X')).toBe(false);
	});
});
