import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const system = (n: number) => ({ id: `7c9e6679-7425-40de-944b-e07fc1f90a${String(n).padStart(2, '0')}`, title: `System ${n}`, status: 'operational' });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('System → Get Many on the wire', () => {
	it('GET /systems: reads a bare array, one item per system', async () => {
		const seen = record('GET', '/api/v1/systems', [system(1), system(2)]);
		const run = await runReamazeNode({ resource: 'system', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/systems?page=1']);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(run.items).toEqual([
			{ json: system(1), pairedItem: { item: 0 } },
			{ json: system(2), pairedItem: { item: 0 } },
		]);
	});

	it('reads a {systems: [...]} envelope too, and honours the limit', async () => {
		record('GET', '/api/v1/systems', { systems: [system(1), system(2), system(3)] });
		const run = await runReamazeNode({ resource: 'system', operation: 'getAll', returnAll: false, limit: 2 });
		expect(run.items.map((item) => item.json)).toEqual([system(1), system(2)]);
	});
});
