import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type Sandbox, startSandbox } from '../../sandbox/reamaze/index.ts';
import { requestTrail, runChain } from './sandbox-run';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: false });
});
beforeEach(() => sandbox.reset());
afterAll(async () => sandbox.close());

const outputOf = (result: Awaited<ReturnType<typeof runChain>>, node: string) => result.nodeOutputs[node]?.[0] ?? [];

describe('Staff in the real n8n engine against the sandbox', () => {
	it('creates staff users from items, then lists every staff user', async () => {
		const before = sandbox.state.staff.length;
		const result = await runChain(
			sandbox,
			[
				{
					name: 'Create Staff',
					parameters: {
						resource: 'staff',
						operation: 'create',
						name: '={{ $json.name }}',
						email: '={{ $json.email }}',
						additionalFields: { password: '={{ $json.password }}' },
					},
				},
				{ name: 'All Staff', parameters: { resource: 'staff', operation: 'getAll', returnAll: true } },
			],
			[
				{ name: 'Dana Agent', email: 'dana@acme.test', password: 'First-Login-1' },
				{ name: 'Eli Agent', email: 'eli@acme.test', password: '' },
			],
		);
		expect(result.errors).toEqual({});
		const created = outputOf(result, 'Create Staff');
		expect(created.map((item) => [item.json.name, item.json.email, item.pairedItem])).toEqual([
			['Dana Agent', 'dana@acme.test', { item: 0 }],
			['Eli Agent', 'eli@acme.test', { item: 1 }],
		]);
		expect(sandbox.state.staffByEmail('dana@acme.test')?.name).toBe('Dana Agent');
		expect(sandbox.state.staff).toHaveLength(before + 2);

		// Get Many runs once per input item (two created users in, so the list comes twice).
		const all = outputOf(result, 'All Staff');
		expect(all).toHaveLength(2 * (before + 2));
		expect(all.slice(0, before + 2).map((item) => item.json.email)).toEqual(sandbox.state.staff.map((user) => user.email));
		expect(all.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			...Array(before + 2).fill(0),
			...Array(before + 2).fill(1),
		]);

		const posts = sandbox.requests.filter((request) => request.method === 'POST');
		expect(posts.map((request) => request.body)).toEqual([
			{ staff: { name: 'Dana Agent', email: 'dana@acme.test', password: 'First-Login-1' } },
			{ staff: { name: 'Eli Agent', email: 'eli@acme.test' } },
		]);
		expect(requestTrail(sandbox)).toEqual([
			'POST /acme/api/v1/staff',
			'POST /acme/api/v1/staff',
			'GET /acme/api/v1/staff?page=1',
			'GET /acme/api/v1/staff?page=1',
		]);
	});

	it('a taken email is the API\'s 422, explained, and nothing is added', async () => {
		const before = sandbox.state.staff.length;
		const result = await runChain(sandbox, [
			{ name: 'Create Staff', parameters: { resource: 'staff', operation: 'create', name: 'Sam Again', email: 'sam@acme.test' } },
		]);
		expect(result.errors['Create Staff']?.message).toBe('Re:amaze refused the request (HTTP 422): email has already been taken');
		expect(sandbox.state.staff).toHaveLength(before);
	});
});
