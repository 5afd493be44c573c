import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { buildCreateStaffBody, type CreateStaffInput } from '../../../../../nodes/Reamaze/resources/staff/create';
import { InputError } from '../../../../../nodes/shared/errors';
import { BASIC_AUTH, runReamazeNode } from '../../run';
import { onRequest, resetWire, type Seen } from '../../wire';

function failure(input: CreateStaffInput): InputError {
	try {
		buildCreateStaffBody(input);
	} catch (error) {
		if (error instanceof InputError) return error;
		throw error;
	}
	throw new Error('expected an InputError');
}

describe('buildCreateStaffBody (POST /staff)', () => {
	it('minimal: name and email, no password (Re:amaze generates one)', () => {
		expect(buildCreateStaffBody({ name: ' Dana Agent ', email: ' dana@acme.test ', additional: {} })).toEqual({
			staff: { name: 'Dana Agent', email: 'dana@acme.test' },
		});
		expect(buildCreateStaffBody({ name: 'Dana', email: 'dana@acme.test', additional: { password: '' } })).toEqual({
			staff: { name: 'Dana', email: 'dana@acme.test' },
		});
	});

	it('with a password, sent as typed', () => {
		expect(buildCreateStaffBody({ name: 'Dana', email: 'dana@acme.test', additional: { password: ' s3cret pass ' } })).toEqual({
			staff: { name: 'Dana', email: 'dana@acme.test', password: ' s3cret pass ' },
		});
	});

	it.each<[CreateStaffInput, string]>([
		[{ name: '', email: 'dana@acme.test', additional: {} }, 'Name'],
		[{ name: 'Dana', email: '', additional: {} }, 'Email'],
		[{ name: 'Dana', email: 'dana', additional: {} }, 'Email'],
		[{ name: 'Dana', email: 'dana@acme.test', additional: { password: {} } }, 'Password'],
	])('rejects %j', (input, field) => {
		expect(failure(input).field).toBe(field);
	});
});

describe('Staff on the wire', () => {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => resetWire());
	afterAll(() => nock.enableNetConnect());

	const user = (n: number) => ({ name: `Agent ${n}`, email: `agent${n}@acme.test`, created_at: '2026-01-01T00:00:00.000Z', role: {} });

	it('Create: POST /staff with the wrapped body', async () => {
		const seen = onRequest('POST', '/api/v1/staff', user(1));
		const run = await runReamazeNode({
			resource: 'staff',
			operation: 'create',
			name: 'Agent 1',
			email: 'agent1@acme.test',
			additionalFields: { password: 'Initial-Pass-1' },
		});
		expect(run.error).toBeUndefined();
		expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /api/v1/staff']);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({ staff: { name: 'Agent 1', email: 'agent1@acme.test', password: 'Initial-Pass-1' } });
		expect(run.items).toEqual([{ json: user(1), pairedItem: { item: 0 } }]);
	});

	it('Create is never sent twice after a server error (it may have added a paid seat)', async () => {
		const seen = onRequest('POST', '/api/v1/staff', { error: 'boom' }, 500);
		const run = await runReamazeNode({ resource: 'staff', operation: 'create', name: 'A', email: 'a@acme.test' });
		expect(run.error?.message).toBe('Re:amaze had a server error (HTTP 500)');
		expect(seen).toHaveLength(1);
	});

	it('Get Many: GET /staff page by page, stopping at the limit', async () => {
		const seen = onRequest('GET', '/api/v1/staff', (request: Seen) => {
			const page = Number(new URL(request.path, 'https://x').searchParams.get('page'));
			const staff = Array.from({ length: 30 }, (_, i) => user((page - 1) * 30 + i));
			return [200, { page_size: 30, page_count: 3, total_count: 90, staff }];
		});
		const run = await runReamazeNode({ resource: 'staff', operation: 'getAll', returnAll: false, limit: 40 });
		expect(run.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/staff?page=1', '/api/v1/staff?page=2']);
		expect(seen[0].body).toBe('');
		expect(run.items.map((item) => item.json.email)).toEqual(Array.from({ length: 40 }, (_, i) => `agent${i}@acme.test`));
	});

	it('Get Many with Return All reads up to page_count', async () => {
		const seen = onRequest('GET', '/api/v1/staff', (request: Seen) => {
			const page = Number(new URL(request.path, 'https://x').searchParams.get('page'));
			return [200, { page_size: 30, page_count: 2, total_count: 60, staff: Array.from({ length: 30 }, (_, i) => user((page - 1) * 30 + i)) }];
		});
		const run = await runReamazeNode({ resource: 'staff', operation: 'getAll', returnAll: true });
		expect(run.items).toHaveLength(60);
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/staff?page=1', '/api/v1/staff?page=2']);
	});
});
