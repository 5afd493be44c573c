import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const ID = 'b1946ac9-2c7a-4b0e-9d0d-7c3e2f6a1b22';
const SYSTEM = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const incident = (n: number | string) => ({ id: `inc-${n}`, title: `Incident ${n}`, status: 'investigating', updates: [], incidents_systems: [] });
const list = (count: number) => Array.from({ length: count }, (_, i) => incident(i + 1));
const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Incident on the wire', () => {
	it('Get: GET /incidents/{id}', async () => {
		const seen = record('GET', `/api/v1/incidents/${ID}`, incident(1));
		const run = await runReamazeNode({ resource: 'incident', operation: 'get', incidentId: ID });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /api/v1/incidents/${ID}`]);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(run.items).toEqual([{ json: incident(1), pairedItem: { item: 0 } }]);
	});

	it('Get: a 404 names the incident', async () => {
		record('GET', '/api/v1/incidents/gone', { error: 'Incident not found' }, 404);
		const run = await runReamazeNode({ resource: 'incident', operation: 'get', incidentId: 'gone', ...noRetry });
		expect(run.error?.message).toBe('Not found (HTTP 404): no incident with ID "gone"');
	});

	it('Get Many: reads a bare array (the Go model)', async () => {
		const seen = record('GET', '/api/v1/incidents', list(3));
		const run = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/incidents?page=1']);
		expect(run.items.map((item) => item.json)).toEqual(list(3));
	});

	it('Get Many: reads an {incidents: [...]} envelope too', async () => {
		record('GET', '/api/v1/incidents', { incidents: list(2) });
		const run = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(run.items.map((item) => item.json)).toEqual(list(2));
	});

	it('Get Many: an answer longer than a page (30) is the whole list: the endpoint does not page, so no second request', async () => {
		const seen = record('GET', '/api/v1/incidents', list(45));
		const run = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/incidents?page=1']);
		expect(run.items.map((item) => item.json.id)).toEqual(list(45).map((i) => i.id));
	});

	it('Get Many: when the API pages by 30, every page is read', async () => {
		const seen = record('GET', '/api/v1/incidents', (query: URLSearchParams) =>
			query.get('page') === '1' ? list(30) : query.get('page') === '2' ? [incident(31)] : [],
		);
		const run = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/incidents?page=1', '/api/v1/incidents?page=2']);
		expect(run.items).toHaveLength(31);
	});

	it('Get Many: an answer that is neither is a NodeApiError', async () => {
		record('GET', '/api/v1/incidents', { data: [] });
		const run = await runReamazeNode({ resource: 'incident', operation: 'getAll', returnAll: true, ...noRetry });
		expect(run.error?.message).toBe('Re:amaze did not return a list of incidents');
	});

	it('Create: POST /incidents with the title, the first update and the systems', async () => {
		const seen = record('POST', '/api/v1/incidents', incident(1));
		const run = await runReamazeNode({
			resource: 'incident',
			operation: 'create',
			title: 'Chat down',
			status: 'investigating',
			message: 'Looking into it',
			systems: { system: [{ systemId: SYSTEM, status: 'major_outage' }] },
		});
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({
			incident: {
				title: 'Chat down',
				updates_attributes: [{ status: 'investigating', message: 'Looking into it' }],
				incidents_systems_attributes: [{ system_id: SYSTEM, status: 'major_outage' }],
			},
		});
	});

	it('Create without systems sends no incidents_systems_attributes', async () => {
		const seen = record('POST', '/api/v1/incidents', incident(1));
		await runReamazeNode({ resource: 'incident', operation: 'create', title: 'Chat down', status: 'identified', message: 'Cause found' });
		expect(seen[0].body).toEqual({ incident: { title: 'Chat down', updates_attributes: [{ status: 'identified', message: 'Cause found' }] } });
	});

	it('Update: PUT /incidents/{id} with the same shape', async () => {
		const seen = record('PUT', `/api/v1/incidents/${ID}`, incident(1));
		const run = await runReamazeNode({
			resource: 'incident',
			operation: 'update',
			incidentId: ID,
			updateFields: { status: 'resolved', message: 'All good' },
			systems: { system: [{ systemId: SYSTEM, status: 'operational' }] },
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].body).toEqual({
			incident: {
				updates_attributes: [{ status: 'resolved', message: 'All good' }],
				incidents_systems_attributes: [{ system_id: SYSTEM, status: 'operational' }],
			},
		});
	});

	it('Update with nothing to change stops before any request', async () => {
		const seen = record('PUT', `/api/v1/incidents/${ID}`, incident(1));
		const run = await runReamazeNode({ resource: 'incident', operation: 'update', incidentId: ID, updateFields: {} });
		expect(run.error?.message).toBe('Item 1: Update Fields add a title, a status update or an affected system to change');
		expect(seen).toHaveLength(0);
	});
});
