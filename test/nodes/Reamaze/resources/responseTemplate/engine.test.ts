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

describe('Response Template in the real engine against the sandbox', () => {
	it('creates one template per input item, updates one, and finds it with Get Many', async () => {
		const created = await runReamazeNode(
			{
				resource: 'responseTemplate',
				operation: 'create',
				name: '={{ $json.name }}',
				body: '={{ $json.body }}',
				additionalFields: { isPersonal: '={{ $json.personal }}' },
			},
			{
				items: [
					{ name: 'Warranty claim', body: 'Please send a photo of the damage.', personal: false },
					{ name: 'Warranty follow-up', body: 'Any news on the photo?', personal: true },
				],
				credentials: credentials(),
			},
		);
		expect(created.error).toBeUndefined();
		expect(created.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Warranty claim', { item: 0 }],
			['Warranty follow-up', { item: 1 }],
		]);
		const owner = sandbox.state.staffByEmail(sandbox.email)!;
		const stored = sandbox.state.responseTemplates().filter((t) => t.name.startsWith('Warranty'));
		expect(stored.map((t) => [t.name, t.body, t.ownerId])).toEqual([
			['Warranty claim', 'Please send a photo of the damage.', null],
			['Warranty follow-up', 'Any news on the photo?', owner.id],
		]);

		const id = String(created.items[0].json.id);
		const updated = await runReamazeNode(
			{ resource: 'responseTemplate', operation: 'update', responseTemplateId: id, updateFields: { body: 'Please send two photos.' } },
			{ credentials: credentials() },
		);
		expect(updated.error).toBeUndefined();
		expect(updated.items[0]).toMatchObject({ json: { id: Number(id), body: 'Please send two photos.' }, pairedItem: { item: 0 } });
		expect(sandbox.state.responseTemplates().find((t) => String(t.id) === id)?.body).toBe('Please send two photos.');

		sandbox.clearRequests();
		const found = await runReamazeNode(
			{ resource: 'responseTemplate', operation: 'getAll', returnAll: true, filters: { query: 'warranty' } },
			{ credentials: credentials() },
		);
		expect(found.error).toBeUndefined();
		expect(found.items.map((item) => item.json.name).sort()).toEqual(['Warranty claim', 'Warranty follow-up']);
		expect(found.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		// Two templates fit one short page: one request, no counts needed.
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /acme/api/v1/response_templates']);
		expect(sandbox.requests[0].query).toEqual({ q: 'warranty', page: '1' });
	});

	it('Get Many with Return All gives every template the owner may see (brand and own personal ones)', async () => {
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: true }, { credentials: credentials() });
		expect(run.error).toBeUndefined();
		const owner = sandbox.state.staffByEmail(sandbox.email)!;
		const visible = sandbox.state.responseTemplates().filter((t) => t.ownerId === null || t.ownerId === owner.id);
		expect(run.items.map((item) => item.json.id).sort()).toEqual(visible.map((t) => t.id).sort());
	});
});
