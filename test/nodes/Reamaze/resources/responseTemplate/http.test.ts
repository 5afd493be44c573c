import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { record } from '../recorder';

const template = (id: number) => ({ id, name: `Template ${id}`, body: 'Body', response_template_group: null });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => template(from + i));
const noRetry = { requestOptions: { maxRetryWaitSeconds: 0 } };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('Response Template on the wire', () => {
	it('Get: GET /response_templates/{id}, the bare template as the item', async () => {
		const seen = record('GET', '/api/v1/response_templates/17', template(17));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'get', responseTemplateId: ' 17 ' });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v1/response_templates/17']);
		expect(seen[0].headers.authorization).toBe(BASIC_AUTH);
		expect(seen[0].body).toBe('');
		expect(run.items).toEqual([{ json: template(17), pairedItem: { item: 0 } }]);
	});

	it('Get: a 404 names the template', async () => {
		record('GET', '/api/v1/response_templates/99', { error: 'Not Found' }, 404);
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'get', responseTemplateId: '99', ...noRetry });
		expect(run.error?.message).toBe('Not found (HTTP 404): no response template with ID "99" that this user can see');
	});

	it('Create: POST /response_templates with the wrapped body and is_personal as 1', async () => {
		const seen = record('POST', '/api/v1/response_templates', template(5));
		const run = await runReamazeNode({
			resource: 'responseTemplate',
			operation: 'create',
			name: 'Refund issued',
			body: 'Your refund is on its way.',
			additionalFields: { isPersonal: true },
		});
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].path).toBe('/api/v1/response_templates');
		expect(seen[0].headers['content-type']).toBe('application/json');
		expect(seen[0].body).toEqual({ response_template: { name: 'Refund issued', body: 'Your refund is on its way.', is_personal: 1 } });
		expect(run.items[0].json).toEqual(template(5));
	});

	it('Update: PUT /response_templates/{id} with only the changed fields', async () => {
		const seen = record('PUT', '/api/v1/response_templates/5', template(5));
		const run = await runReamazeNode({
			resource: 'responseTemplate',
			operation: 'update',
			responseTemplateId: '5',
			updateFields: { body: 'New text', isPersonal: false },
		});
		expect(run.error).toBeUndefined();
		expect(seen[0].body).toEqual({ response_template: { body: 'New text', is_personal: 0 } });
	});

	it('Update with no fields stops before any request', async () => {
		const seen = record('PUT', '/api/v1/response_templates/5', template(5));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'update', responseTemplateId: '5', updateFields: {} });
		expect(run.error?.message).toBe('Item 1: Update Fields add at least one field to change');
		expect(seen).toHaveLength(0);
	});
});

describe('Response Template → Get Many pages without counts (§4: `{response_templates: [...]}` only)', () => {
	function pages(sizes: number[]) {
		let from = 1;
		const bodies = sizes.map((size) => {
			const page = { response_templates: range(from, size) };
			from += size;
			return page;
		});
		return (query: URLSearchParams) => bodies[Number(query.get('page')) - 1] ?? { response_templates: [] };
	}

	it('Return All: pages 1, 2, 3 with q, and stops at the short page', async () => {
		const seen = record('GET', '/api/v1/response_templates', pages([30, 30, 5]));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: true, filters: { query: 'refund' } });
		expect(run.error).toBeUndefined();
		expect(seen.map((r) => r.path)).toEqual([
			'/api/v1/response_templates?q=refund&page=1',
			'/api/v1/response_templates?q=refund&page=2',
			'/api/v1/response_templates?q=refund&page=3',
		]);
		expect(run.items.map((item) => item.json.id)).toEqual(range(1, 65).map((t) => t.id));
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Return All: a full page followed by an empty page stops at the empty page', async () => {
		const seen = record('GET', '/api/v1/response_templates', pages([30]));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: true });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/response_templates?page=1', '/api/v1/response_templates?page=2']);
		expect(run.items).toHaveLength(30);
	});

	it('an empty first page gives no items after one request', async () => {
		const seen = record('GET', '/api/v1/response_templates', { response_templates: [] });
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: true });
		expect(run.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(run.items).toEqual([]);
	});

	it('a limit inside page 2 requests pages 1 and 2 only', async () => {
		const seen = record('GET', '/api/v1/response_templates', pages([30, 30, 30]));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: false, limit: 35 });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/response_templates?page=1', '/api/v1/response_templates?page=2']);
		expect(run.items.map((item) => item.json.id)).toEqual(range(1, 35).map((t) => t.id));
	});

	it('a limit inside page 1 requests page 1 only', async () => {
		const seen = record('GET', '/api/v1/response_templates', pages([30, 30]));
		const run = await runReamazeNode({ resource: 'responseTemplate', operation: 'getAll', returnAll: false, limit: 3 });
		expect(seen.map((r) => r.path)).toEqual(['/api/v1/response_templates?page=1']);
		expect(run.items.map((item) => item.json.id)).toEqual([1, 2, 3]);
	});
});
