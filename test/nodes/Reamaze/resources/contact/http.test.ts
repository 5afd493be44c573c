import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { BASIC_AUTH, runReamazeNode } from '../../run';
import { onRequest, resetWire, type Seen, wireLog } from '../../wire';

const contact = { name: 'Bob', email: 'bob@example.com', mobile: null, data: {}, notes: [] };
const UUID_OLD = '5b0c6f1e-0d6a-4c3a-9b1e-1f2a3b4c5d6e';
const UUID_NEW = '9e107d9d-3728-4b2b-8a55-7f1c2d3e4f50';

const run = (parameters: Record<string, unknown>, options: Parameters<typeof runReamazeNode>[1] = {}) =>
	runReamazeNode({ resource: 'contact', requestOptions: { maxRetryWaitSeconds: 0 }, ...parameters } as never, options);

function expectJsonWrite(seen: Seen) {
	expect(seen.headers.authorization).toBe(BASIC_AUTH);
	expect(seen.headers.accept).toBe('application/json');
	expect(seen.headers['content-type']).toBe('application/json');
}

function expectRead(seen: Seen) {
	expect(seen.headers.authorization).toBe(BASIC_AUTH);
	expect(seen.headers['content-type']).toBeUndefined();
	expect(seen.body).toBe('');
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => resetWire());
afterAll(() => nock.enableNetConnect());

describe('Contact on the wire', () => {
	it('Create: POST /contacts with the wrapped body', async () => {
		const seen = onRequest('POST', '/api/v1/contacts', contact);
		const result = await run({
			operation: 'create',
			email: 'bob@example.com',
			mobile: '+12223334444',
			additionalFields: {
				name: 'Bob',
				externalId: 'crm-42',
				externalAvatarUrl: 'https://cdn.example.com/bob.png',
				customData: { field: [{ key: 'plan', value: 'gold' }] },
				notes: { note: [{ text: 'First, note' }, { text: 'Second' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(seen).toHaveLength(1);
		expect(seen[0].path).toBe('/api/v1/contacts');
		expectJsonWrite(seen[0]);
		expect(seen[0].body).toEqual({
			contact: {
				name: 'Bob',
				email: 'bob@example.com',
				mobile: '+12223334444',
				id: 'crm-42',
				external_avatar_url: 'https://cdn.example.com/bob.png',
				data: { plan: 'gold' },
				notes: ['First, note', 'Second'],
			},
		});
		expect(result.items).toEqual([{ json: contact, pairedItem: { item: 0 } }]);
	});

	it('Create without email or mobile fails the item before any request', async () => {
		const seen = onRequest('POST', '/api/v1/contacts', contact);
		const result = await run({ operation: 'create', email: '', mobile: '' });
		expect(result.error?.message).toBe(
			'Item 1: Email or Mobile is required: Re:amaze creates a contact from an email address or a mobile number',
		);
		expect(seen).toHaveLength(0);
	});

	it('Update by email: PUT /contacts/{email} with no identifier_type', async () => {
		const seen = onRequest('PUT', '/api/v1/contacts/bob%40example.com', contact);
		const result = await run({
			operation: 'update',
			identifierType: 'email',
			contactIdentifier: 'bob@example.com',
			updateFields: { friendlyName: 'Bobby', customDataJson: '{"plan":"gold"}', notes: { note: [{ text: 'Renewed' }] } },
		});
		expect(result.error).toBeUndefined();
		expect(seen[0].path).toBe('/api/v1/contacts/bob%40example.com');
		expectJsonWrite(seen[0]);
		expect(seen[0].body).toEqual({ contact: { friendly_name: 'Bobby', data: { plan: 'gold' }, notes: ['Renewed'] } });
	});

	it('Update by mobile: identifier_type=mobile, the + percent-encoded', async () => {
		const seen = onRequest('PUT', '/api/v1/contacts/%2B12223334444', contact);
		await run({ operation: 'update', identifierType: 'mobile', contactIdentifier: '+12223334444', updateFields: { name: 'Bob' } });
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/contacts/%2B12223334444?identifier_type=mobile']);
		expect(seen[0].body).toEqual({ contact: { name: 'Bob' } });
	});

	it.each([
		['email', 'bob@example.com', '/api/v1/contacts/bob%40example.com'],
		['facebook', '1000123', '/api/v1/contacts/1000123?identifier_type=facebook'],
		['twitter', '@bob', '/api/v1/contacts/%40bob?identifier_type=twitter'],
		['instagram', 'bob.insta', '/api/v1/contacts/bob.insta?identifier_type=instagram'],
	])('Get by %s: GET %s', async (type, value, path) => {
		const seen = onRequest('GET', path.split('?')[0], contact);
		const result = await run({ operation: 'get', identifierType: type, contactIdentifier: value });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([path]);
		expectRead(seen[0]);
		expect(result.items).toEqual([{ json: contact, pairedItem: { item: 0 } }]);
	});

	it('Get of an unknown contact is a 404 naming it', async () => {
		onRequest('GET', '/api/v1/contacts/nobody%40example.com', { error: 'Not found' }, 404);
		const result = await run({ operation: 'get', contactIdentifier: 'nobody@example.com' });
		expect(result.error?.message).toBe('Not found (HTTP 404): no contact with email "nobody@example.com"');
	});

	it('Get Many: q, sort, type and data[key]=value in the query, paged', async () => {
		const seen = onRequest('GET', '/api/v1/contacts', { page_size: 30, page_count: 1, total_count: 1, contacts: [contact] });
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: {
				q: 'bob',
				sort: 'date',
				type: 'email',
				customData: { field: [{ key: 'plan', value: 'gold' }, { key: 'region code', value: 'eu&us' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([
			'/api/v1/contacts?q=bob&sort=date&type=email&data%5Bplan%5D=gold&data%5Bregion%20code%5D=eu%26us&page=1',
		]);
		expectRead(seen[0]);
		expect(result.items).toEqual([{ json: contact, pairedItem: { item: 0 } }]);
	});

	it('Get Many with Exact Email keeps only the exact match (ignoring case) across pages, and stops at the limit', async () => {
		const loose = (n: number, email: string) => ({ name: `C${n}`, email });
		const seen = onRequest('GET', '/api/v1/contacts', (request: Seen) => {
			const page = new URL(request.path, 'https://x').searchParams.get('page');
			const contacts =
				page === '1'
					? [...Array.from({ length: 29 }, (_, i) => loose(i, `bob@example.com.${i}`)), loose(29, 'BOB@Example.com')]
					: [loose(30, 'bob@example.com'), loose(31, 'xbob@example.com')];
			return [200, { page_size: 30, page_count: 2, total_count: 32, contacts }];
		});
		const result = await run({ operation: 'getAll', returnAll: false, limit: 5, filters: { exactEmail: 'Bob@example.COM' } });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([
			'/api/v1/contacts?q=bob%40example.com&page=1',
			'/api/v1/contacts?q=bob%40example.com&page=2',
		]);
		expect(result.items.map((item) => item.json.name)).toEqual(['C29', 'C30']);
	});

	it('Get Many Identities: GET /contacts/{email}/identities, one request, one item per identity', async () => {
		const identities = [
			{ type: 'email', identifier: 'bob@example.com' },
			{ type: 'mobile', identifier: '+12223334444' },
		];
		const seen = onRequest('GET', '/api/v1/contacts/bob%40example.com/identities', { identities });
		const result = await run({ operation: 'getIdentities', contactEmail: 'bob@example.com' });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/contacts/bob%40example.com/identities']);
		expectRead(seen[0]);
		expect(result.items).toEqual(identities.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('Add Identity: POST /contacts/{identifier}/identities with identifier_type and the wrapped identity', async () => {
		const identity = { type: 'email', identifier: 'bob.work@example.com' };
		const seen = onRequest('POST', '/api/v1/contacts/%2B12223334444/identities', identity);
		const result = await run({
			operation: 'addIdentity',
			identifierType: 'mobile',
			contactIdentifier: '+12223334444',
			identityType: 'email',
			identity: 'bob.work@example.com',
		});
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/contacts/%2B12223334444/identities?identifier_type=mobile']);
		expectJsonWrite(seen[0]);
		expect(seen[0].body).toEqual({ identity });
		expect(result.items).toEqual([{ json: identity, pairedItem: { item: 0 } }]);
	});

	it('Get Many Notes: GET /contacts/{identifier}/notes, a bare array, no page parameter', async () => {
		const notes = [{ id: UUID_OLD, note: 'old' }];
		const seen = onRequest('GET', '/api/v1/contacts/%40bob/notes', notes);
		const result = await run({ operation: 'getNotes', identifierType: 'twitter', contactIdentifier: '@bob' });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual(['/api/v1/contacts/%40bob/notes?identifier_type=twitter']);
		expect(result.items).toEqual([{ json: notes[0], pairedItem: { item: 0 } }]);
	});

	describe('Create Note outputs only the new note', () => {
		/** A contact's notes that grow with each POST, as Re:amaze answers (all notes, §6.14). */
		function notesServer(initial: Array<Record<string, unknown>>, nextId: () => string | number) {
			const notes = [...initial];
			const reads = onRequest('GET', '/api/v1/contacts/bob%40example.com/notes', () => [200, notes]);
			const writes = onRequest('POST', '/api/v1/contacts/bob%40example.com/notes', (request: Seen) => {
				notes.push({ id: nextId(), note: (request.body as { body: string }).body, created_at: '2026-11-23T10:00:00.000Z' });
				return [200, notes];
			});
			return { reads, writes };
		}

		it('with UUID string IDs: reads the notes, POSTs the flat body, outputs the note that is new', async () => {
			const { writes } = notesServer([{ id: UUID_OLD, note: 'old', created_at: '2026-01-01T00:00:00.000Z' }], () => UUID_NEW);
			const result = await run({
				operation: 'createNote',
				contactIdentifier: 'bob@example.com',
				body: 'Called, no answer',
				additionalFields: { creatorEmail: 'sam@acme.test', createdAt: '2026-11-23T10:00:00Z' },
			});
			expect(result.error).toBeUndefined();
			expect(wireLog.map((s) => `${s.method} ${s.path}`)).toEqual([
				'GET /api/v1/contacts/bob%40example.com/notes',
				'POST /api/v1/contacts/bob%40example.com/notes',
			]);
			expectJsonWrite(writes[0]);
			expect(writes[0].body).toEqual({ body: 'Called, no answer', creator_email: 'sam@acme.test', created_at: '2026-11-23T10:00:00Z' });
			expect(result.items).toEqual([
				{ json: { id: UUID_NEW, note: 'Called, no answer', created_at: '2026-11-23T10:00:00.000Z' }, pairedItem: { item: 0 } },
			]);
		});

		it('with numeric IDs, for several items: each item outputs its own note', async () => {
			let id = 100;
			notesServer([{ id: 99, note: 'old' }], () => ++id);
			const result = await run(
				{ operation: 'createNote', contactIdentifier: 'bob@example.com', body: '={{ $json.text }}' },
				{ items: [{ text: 'one' }, { text: 'two' }] },
			);
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => [item.json.id, item.json.note, item.pairedItem])).toEqual([
				[101, 'one', { item: 0 }],
				[102, 'two', { item: 1 }],
			]);
		});

		it('an answer without a new note is an error that warns about a possible duplicate', async () => {
			notesServer([{ id: UUID_OLD, note: 'old' }], () => UUID_OLD);
			const result = await run({ operation: 'createNote', contactIdentifier: 'bob@example.com', body: 'x' });
			expect(result.error?.message).toBe('Re:amaze answered, but its list of notes holds no new note');
			expect(result.error?.description).toContain('before running this item again');
		});

		it('an API answering with the single note is passed through', async () => {
			onRequest('GET', '/api/v1/contacts/bob%40example.com/notes', []);
			onRequest('POST', '/api/v1/contacts/bob%40example.com/notes', { id: UUID_NEW, note: 'x' });
			const result = await run({ operation: 'createNote', contactIdentifier: 'bob@example.com', body: 'x' });
			expect(result.items).toEqual([{ json: { id: UUID_NEW, note: 'x' }, pairedItem: { item: 0 } }]);
		});
	});

	it('Update Note: PUT /contacts/{identifier}/notes/{uuid} with a flat body', async () => {
		const seen = onRequest('PUT', `/api/v1/contacts/bob%40example.com/notes/${UUID_OLD}`, { id: UUID_OLD, note: 'Edited' });
		const result = await run({ operation: 'updateNote', contactIdentifier: 'bob@example.com', noteId: UUID_OLD, body: 'Edited' });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([`/api/v1/contacts/bob%40example.com/notes/${UUID_OLD}`]);
		expectJsonWrite(seen[0]);
		expect(seen[0].body).toEqual({ body: 'Edited' });
		expect(result.items).toEqual([{ json: { id: UUID_OLD, note: 'Edited' }, pairedItem: { item: 0 } }]);
	});

	it('Update Note picks the note when the answer lists every note', async () => {
		onRequest('PUT', '/api/v1/contacts/bob%40example.com/notes/12', [{ id: 11, note: 'a' }, { id: 12, note: 'Edited' }]);
		const result = await run({ operation: 'updateNote', contactIdentifier: 'bob@example.com', noteId: 12, body: 'Edited' });
		expect(result.items).toEqual([{ json: { id: 12, note: 'Edited' }, pairedItem: { item: 0 } }]);
	});

	it.each([
		['an empty answer', ''],
		['the deleted note', { id: UUID_OLD, note: 'old' }],
	])('Delete Note: DELETE /contacts/{identifier}/notes/{id} (answer: %s) outputs { deleted, id }', async (_label, answer) => {
		const seen = onRequest('DELETE', `/api/v1/contacts/%2B12223334444/notes/${UUID_OLD}`, answer);
		const result = await run({ operation: 'deleteNote', identifierType: 'mobile', contactIdentifier: '+12223334444', noteId: UUID_OLD });
		expect(result.error).toBeUndefined();
		expect(seen.map((s) => s.path)).toEqual([`/api/v1/contacts/%2B12223334444/notes/${UUID_OLD}?identifier_type=mobile`]);
		expectRead(seen[0]);
		expect(result.items).toEqual([{ json: { deleted: true, id: UUID_OLD }, pairedItem: { item: 0 } }]);
	});
});
