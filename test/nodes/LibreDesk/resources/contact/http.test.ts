import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { type LibreDeskSandbox, startLibreDeskSandbox } from '../../../../sandbox/libredesk/index.ts';
import { basicAuth, runNode, trail } from './sandboxRun';

let sb: LibreDeskSandbox;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ seed: 42, conversations: 20 });
});
beforeEach(() => sb.reset());
afterAll(async () => sb.close());

const contacts = () => sb.state.users.filter((user) => (user.type === 'contact' || user.type === 'visitor') && !user.deleted);
/** A seeded contact with a phone number, a country and an avatar: the fields an update must keep. */
const richContact = () => {
	const contact = contacts().find((user) => user.phoneNumber && user.country && user.email && user.type === 'contact');
	if (!contact) throw new Error('seed has no contact with phone and country');
	contact.avatarUrl = 'https://avatars.example.com/keep.png';
	return contact;
};
const run = (parameters: Record<string, unknown>, options: Parameters<typeof runNode>[2] = {}) =>
	runNode(sb, { resource: 'contact', ...parameters } as never, options);

describe('Contact → Get (GET /contacts/{id}, §8.2)', () => {
	it('sends one authenticated GET without a body and outputs the contact', async () => {
		const contact = richContact();
		const result = await run({ operation: 'get', contactId: String(contact.id) });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${contact.id}`]);
		expect(sb.requests[0].headers.authorization).toBe(basicAuth(sb.adminKey, sb.adminSecret));
		expect(sb.requests[0].bodyText).toBe('');
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json).toMatchObject({
			id: contact.id,
			email: contact.email,
			first_name: contact.firstName,
			phone_number: contact.phoneNumber,
			country: contact.country,
			custom_attributes: null,
		});
	});

	it('reports an agent\'s ID as no contact (404 User not found)', async () => {
		const result = await run({ operation: 'get', contactId: '2' });
		expect(result.error?.message).toBe('Not found (HTTP 404): no contact with ID 2 (an agent\'s ID is not a contact)');
		expect(result.error?.httpCode).toBe('404');
	});

	it.each(['={{ "" }}', 'abc', '0', '-3', '1.5'])('refuses the ID %j before any request', async (contactId) => {
		const result = await run({ operation: 'get', contactId });
		expect(result.error?.message).toMatch(/^Item 1: Contact ID /);
		expect(sb.requests).toHaveLength(0);
	});
});

describe('Contact → Get Many (GET /contacts, §8.1)', () => {
	it('always sends a sort; the limit sets the page size; one page', async () => {
		const result = await run({ operation: 'getAll', limit: 5 });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/contacts?order_by=users.created_at&order=desc&page=1&page_size=5']);
		const expected = [...contacts()]
			.filter((user) => user.email)
			.sort((a, b) => b.createdAt - a.createdAt)
			.slice(0, 5)
			.map((user) => user.id);
		expect(result.items.map((item) => item.json.id)).toEqual(expected);
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			['availability_status', 'avatar_url', 'created_at', 'email', 'enabled', 'external_user_id', 'first_name', 'id', 'last_name', 'type', 'updated_at'].sort(),
		);
	});

	it('Return All reads pages of 100 and stops after the short page', async () => {
		const listed = contacts().filter((user) => user.email);
		expect(listed.length).toBe(101);
		const result = await run({ operation: 'getAll', returnAll: true, sortBy: 'users.email', sortOrder: 'asc' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([
			'GET /api/v1/contacts?order_by=users.email&order=asc&page=1&page_size=100',
			'GET /api/v1/contacts?order_by=users.email&order=asc&page=2&page_size=100',
		]);
		const emails = result.items.map((item) => item.json.email as string);
		expect(emails).toHaveLength(101);
		expect(new Set(emails).size).toBe(101);
		expect(emails).toEqual([...emails].sort());
	});

	it('stops at the last page by the count: exactly 100 contacts are one request', async () => {
		contacts().filter((user) => user.email)[0].deleted = true;
		const result = await run({ operation: 'getAll', returnAll: true });
		expect(result.items).toHaveLength(100);
		expect(trail(sb)).toEqual(['GET /api/v1/contacts?order_by=users.created_at&order=desc&page=1&page_size=100']);
	});

	it('a limit above one page reads only the pages it needs', async () => {
		const result = await run({ operation: 'getAll', limit: 100 });
		expect(result.items).toHaveLength(100);
		expect(sb.requests).toHaveLength(1);
	});

	it('filters by email text and by inclusive day ranges with a flat array of conditions', async () => {
		const sample = contacts().filter((user) => user.email)[10];
		const day = new Date(sample.createdAt / 1000).toISOString().slice(0, 10);
		const result = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { emailContains: '.1', createdFrom: day, createdTo: `${day}T00:00:00` },
		});
		expect(result.error).toBeUndefined();
		expect(sb.requests).toHaveLength(1);
		const query = sb.requests[0].query;
		expect(query.order_by).toBe('users.created_at');
		expect(query.order).toBe('desc');
		const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
		const after = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
		expect(JSON.parse(query.filters as string)).toEqual([
			{ model: 'users', field: 'email', operator: 'ilike', value: '.1' },
			{ model: 'users', field: 'created_at', operator: 'greater than', value: before },
			{ model: 'users', field: 'created_at', operator: 'less than', value: after },
		]);
		const expected = contacts()
			.filter((user) => user.email?.includes('.1') && new Date(user.createdAt / 1000).toISOString().slice(0, 10) === day)
			.map((user) => user.id)
			.sort();
		expect(result.items.map((item) => item.json.id).sort()).toEqual(expected);
	});

	it('drops contacts that only the server\'s "_" wildcard matched, and counts only kept ones towards the limit', async () => {
		const [a, b, c] = contacts().filter((user) => user.email);
		a.email = 'zz_q1@wild.test';
		b.email = 'zzxq2@wild.test';
		c.email = 'zz_q3@wild.test';
		const result = await run({ operation: 'getAll', limit: 1, filters: { emailContains: 'ZZ_Q' }, sortBy: 'users.email', sortOrder: 'asc' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.email)).toEqual(['zz_q1@wild.test']);
		const all = await run({ operation: 'getAll', returnAll: true, filters: { emailContains: 'zz_q' } });
		expect(all.items.map((item) => item.json.email).sort()).toEqual(['zz_q1@wild.test', 'zz_q3@wild.test']);
	});

	it('finds one contact by exact email, ignoring case', async () => {
		const target = contacts().filter((user) => user.email)[3];
		const result = await run({ operation: 'getAll', returnAll: true, filters: { email: target.email!.toUpperCase() } });
		expect(result.items.map((item) => item.json.id)).toEqual([target.id]);
		expect(JSON.parse(sb.requests[0].query.filters as string)).toEqual([
			{ model: 'users', field: 'email', operator: 'ilike', value: target.email },
		]);
	});

	it('refuses a backwards range before any request', async () => {
		const result = await run({ operation: 'getAll', filters: { updatedFrom: '2026-05-02', updatedTo: '2026-05-01' } });
		expect(result.error?.message).toBe('Item 1: Updated From (2026-05-02) is after Updated To (2026-05-01)');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('Contact → Search (GET /contacts/search, §10)', () => {
	it('sends the text as query and outputs up to 15 contacts', async () => {
		const result = await run({ operation: 'search', query: 'emma' });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(['GET /api/v1/contacts/search?query=emma']);
		const expected = contacts().filter((user) => user.type === 'contact' && user.email?.includes('emma'));
		expect(expected.length).toBeGreaterThan(0);
		expect(result.items.map((item) => item.json.id)).toEqual(expected.slice(0, 15).map((user) => user.id));
		expect(Object.keys(result.items[0].json)).toEqual(['id', 'created_at', 'first_name', 'last_name', 'email', 'external_user_id']);
	});

	it('refuses fewer than 3 characters before any request', async () => {
		const result = await run({ operation: 'search', query: 'em' });
		expect(result.error?.message).toBe('Item 1: Email Contains "em" is too short: LibreDesk searches with at least 3 characters');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('Contact → Update (GET, then multipart PUT /contacts/{id}, §8.3)', () => {
	it('sends every field as a form part; what the user did not touch survives', async () => {
		const contact = richContact();
		const before = { ...contact };
		const result = await run({ operation: 'update', contactId: String(contact.id), updateFields: { lastName: 'Renamed' } });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${contact.id}`, `PUT /api/v1/contacts/${contact.id}`]);
		const put = sb.requests[1];
		expect(put.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(put.parts?.map((part) => [part.name, part.data.toString('utf8')])).toEqual([
			['first_name', before.firstName],
			['last_name', 'Renamed'],
			['email', before.email],
			['phone_number', before.phoneNumber],
			['phone_number_country_code', before.phoneNumberCountryCode],
			['country', before.country],
			['avatar_url', 'https://avatars.example.com/keep.png'],
		]);
		expect(put.parts?.every((part) => part.filename === undefined)).toBe(true);
		const after = sb.state.contact(contact.id)!;
		expect(after.lastName).toBe('Renamed');
		expect([after.firstName, after.email, after.phoneNumber, after.phoneNumberCountryCode, after.country, after.avatarUrl]).toEqual([
			before.firstName,
			before.email,
			before.phoneNumber,
			before.phoneNumberCountryCode,
			before.country,
			'https://avatars.example.com/keep.png',
		]);
		expect(result.items[0].json).toMatchObject({ id: contact.id, last_name: 'Renamed', country: before.country });
	});

	it('clears the phone number with its country code only when asked', async () => {
		const contact = richContact();
		const result = await run({ operation: 'update', contactId: String(contact.id), updateFields: { clearFields: ['phoneNumber'] } });
		expect(result.error).toBeUndefined();
		const parts = Object.fromEntries(sb.requests[1].parts!.map((part) => [part.name, part.data.toString('utf8')]));
		expect(parts).toMatchObject({ phone_number: '', phone_number_country_code: '', country: contact.country });
		expect(sb.state.contact(contact.id)!.phoneNumber).toBeNull();
		expect(sb.state.contact(contact.id)!.country).not.toBeNull();
	});

	it('uploads a new avatar from binary data as the "files" part', async () => {
		const contact = richContact();
		const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
		const result = await run(
			{ operation: 'update', contactId: String(contact.id), updateFields: { avatarBinaryProperty: 'data' } },
			{ files: [{ json: {}, base64: png, fileName: 'face.png', mimeType: 'image/png' }] },
		);
		expect(result.error).toBeUndefined();
		const files = sb.requests[1].parts!.filter((part) => part.name === 'files');
		expect(files).toHaveLength(1);
		expect(files[0].filename).toBe('face.png');
		expect(files[0].contentType).toBe('image/png');
		expect(files[0].data.equals(Buffer.from(png, 'base64'))).toBe(true);
		expect(sb.state.contact(contact.id)!.avatarUrl).toMatch(/^\/uploads\/.*face\.png$/);
	});

	it('passes on the server\'s refusal of an email another contact has', async () => {
		const [contact, other] = contacts().filter((user) => user.email && user.firstName);
		const result = await run({ operation: 'update', contactId: String(contact.id), updateFields: { email: other.email } });
		expect(result.error?.message).toBe('LibreDesk refused the request (HTTP 400): Another contact with same email already exists');
		expect(sb.state.contact(contact.id)!.email).not.toBe(other.email);
	});

	it('refuses an update that changes nothing, before any request', async () => {
		const result = await run({ operation: 'update', contactId: '9', updateFields: {} });
		expect(result.error?.message).toBe('Item 1: Update Fields add at least one field to change or to clear');
		expect(sb.requests).toHaveLength(0);
	});

	it('reports an unknown contact from the read, sending no PUT', async () => {
		const result = await run({ operation: 'update', contactId: '99999', updateFields: { country: 'DE' } });
		expect(result.error?.message).toBe('Not found (HTTP 404): no contact with ID 99999 (an agent\'s ID is not a contact)');
		expect(trail(sb)).toEqual(['GET /api/v1/contacts/99999']);
	});

	it('runs items on the same contact one after the other, so neither change is lost', async () => {
		const contact = richContact();
		const originalCountry = contact.country;
		const result = await run(
			{
				operation: 'update',
				contactId: String(contact.id),
				updateFields: { lastName: '={{ $json.lastName }}', country: '={{ $json.country }}' },
				requestOptions: { concurrency: 5, maxRetryWaitSeconds: 0 },
			},
			{ items: [{ lastName: 'First' }, { country: 'NL' }, { lastName: 'Third' }] },
		);
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual(Array.from({ length: 3 }, () => [`GET /api/v1/contacts/${contact.id}`, `PUT /api/v1/contacts/${contact.id}`]).flat());
		const after = sb.state.contact(contact.id)!;
		expect([after.lastName, after.country]).toEqual(['Third', 'NL']);
		expect(result.items.map((item) => [item.json.last_name, item.json.country, item.pairedItem])).toEqual([
			['First', originalCountry, { item: 0 }],
			['First', 'NL', { item: 1 }],
			['Third', 'NL', { item: 2 }],
		]);
	});
});

describe('Contact → Block / Unblock (PUT /contacts/{id}/block, §8.4)', () => {
	it('Block sends {"enabled": false} as JSON', async () => {
		const contact = richContact();
		const result = await run({ operation: 'block', contactId: String(contact.id) });
		expect(result.error).toBeUndefined();
		expect(trail(sb)).toEqual([`PUT /api/v1/contacts/${contact.id}/block`]);
		expect(sb.requests[0].headers['content-type']).toBe('application/json');
		expect(sb.requests[0].bodyText).toBe('{"enabled":false}');
		expect(sb.state.contact(contact.id)!.enabled).toBe(false);
		expect(result.items[0].json).toMatchObject({ id: contact.id, enabled: false });
	});

	it('Unblock sends {"enabled": true}', async () => {
		const blocked = contacts().find((user) => !user.enabled)!;
		const result = await run({ operation: 'unblock', contactId: String(blocked.id) });
		expect(result.error).toBeUndefined();
		expect(sb.requests[0].body).toEqual({ enabled: true });
		expect(sb.state.contact(blocked.id)!.enabled).toBe(true);
	});
});

describe('Contact notes (§8.5)', () => {
	it('Create Note: POST {"note"}; Get Many Notes: newest first; Delete Note: looked up, then DELETE', async () => {
		const contact = richContact();
		const id = String(contact.id);
		const first = await run({ operation: 'createNote', contactId: id, note: '<p>Called, & left a message</p>' });
		expect(first.error).toBeUndefined();
		expect(sb.requests[0]).toMatchObject({ method: 'POST', path: `/api/v1/contacts/${id}/notes`, body: { note: '<p>Called, & left a message</p>' } });
		expect(sb.requests[0].headers['content-type']).toBe('application/json');
		expect(first.items[0].json).toMatchObject({ contact_id: contact.id, note: '<p>Called, & left a message</p>', user_id: 2, first_name: 'Alice' });
		await run({ operation: 'createNote', contactId: id, note: 'Second' });

		sb.clearRequests();
		const listed = await run({ operation: 'getNotes', contactId: id });
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${id}/notes`]);
		expect(listed.items.map((item) => item.json.note)).toEqual(['Second', '<p>Called, & left a message</p>']);

		sb.clearRequests();
		const noteId = first.items[0].json.id as number;
		const deleted = await run({ operation: 'deleteNote', contactId: id, noteId: String(noteId) });
		expect(deleted.error).toBeUndefined();
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${id}/notes`, `DELETE /api/v1/contacts/${id}/notes/${noteId}`]);
		expect(deleted.items[0].json).toEqual({ deleted: true, contact_id: contact.id, note_id: noteId });
		expect(sb.state.notes.map((note) => note.note)).toEqual(['Second']);
	});

	it('Create Note refuses an empty note before any request', async () => {
		const result = await run({ operation: 'createNote', contactId: '9', note: '  ' });
		expect(result.error?.message).toBe('Item 1: Note is required');
		expect(sb.requests).toHaveLength(0);
	});

	it('Create Note on an unknown contact: the bare 500 is explained and the POST is not resent', async () => {
		const result = await run({ operation: 'createNote', contactId: '99999', note: 'Hello', requestOptions: { maxRetryWaitSeconds: 30 } });
		expect(result.error?.message).toBe('LibreDesk could not add the note (HTTP 500): check that contact 99999 exists');
		expect(trail(sb)).toEqual(['POST /api/v1/contacts/99999/notes']);
	});

	it('Delete Note of an unknown note: an admin\'s "true" is not taken for a deletion', async () => {
		const contact = richContact();
		const result = await run({ operation: 'deleteNote', contactId: String(contact.id), noteId: '424242' });
		expect(result.error?.message).toBe(`Not found: contact ${contact.id} has no note with ID 424242`);
		expect(result.error?.httpCode).toBe('404');
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${contact.id}/notes`]);
	});

	it('Delete Note of another agent\'s note without the Admin role: the 403 says whose note it is', async () => {
		const contact = richContact();
		await run({ operation: 'createNote', contactId: String(contact.id), note: 'By Alice' });
		const noteId = sb.state.notes[0].id;
		sb.state.setRolePermissions('Agent', [...sb.state.roles.find((role) => role.name === 'Agent')!.permissions, 'contact_notes:read', 'contact_notes:delete']);
		sb.clearRequests();
		const result = await run({ operation: 'deleteNote', contactId: String(contact.id), noteId: String(noteId) }, { key: 'agent' });
		expect(result.error?.message).toBe(`LibreDesk refused to delete note ${noteId} (HTTP 403): it was written by another agent`);
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${contact.id}/notes`, `DELETE /api/v1/contacts/${contact.id}/notes/${noteId}`]);
		expect(sb.state.notes).toHaveLength(1);
	});

	it('Delete Note with a key that may delete but not read notes skips the check; an unknown note is then a 500', async () => {
		const contact = richContact();
		sb.state.setRolePermissions('Agent', [...sb.state.roles.find((role) => role.name === 'Agent')!.permissions, 'contact_notes:delete']);
		const result = await run({ operation: 'deleteNote', contactId: String(contact.id), noteId: '424242' }, { key: 'agent' });
		expect(result.error?.message).toBe(`LibreDesk could not delete note 424242 of contact ${contact.id} (HTTP 500)`);
		expect(trail(sb)).toEqual([`GET /api/v1/contacts/${contact.id}/notes`, `DELETE /api/v1/contacts/${contact.id}/notes/424242`]);
		expect(sb.requests.map((request) => request.status)).toEqual([403, 500]);
	});
});

describe('Contact with the Agent key (default Agent role: no contact permissions, §1.2)', () => {
	const cases: Array<[string, string, Record<string, unknown>, string]> = [
		['Get Many', 'contacts:read_all', { operation: 'getAll' }, 'GET /api/v1/contacts?order_by=users.created_at&order=desc&page=1&page_size=50'],
		['Get', 'contacts:read', { operation: 'get', contactId: '9' }, 'GET /api/v1/contacts/9'],
		['Search', 'contacts:read', { operation: 'search', query: 'emma' }, 'GET /api/v1/contacts/search?query=emma'],
		['Update', 'contacts:read', { operation: 'update', contactId: '9', updateFields: { country: 'DE' } }, 'GET /api/v1/contacts/9'],
		['Block', 'contacts:block', { operation: 'block', contactId: '9' }, 'PUT /api/v1/contacts/9/block'],
		['Unblock', 'contacts:block', { operation: 'unblock', contactId: '9' }, 'PUT /api/v1/contacts/9/block'],
		['Get Many Notes', 'contact_notes:read', { operation: 'getNotes', contactId: '9' }, 'GET /api/v1/contacts/9/notes'],
		['Create Note', 'contact_notes:write', { operation: 'createNote', contactId: '9', note: 'x' }, 'POST /api/v1/contacts/9/notes'],
	];

	it.each(cases)('%s: the 403 names %s', async (_name, permission, parameters, request) => {
		const result = await run(parameters, { key: 'agent' });
		expect(result.error?.message).toBe(`LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "${permission}")`);
		expect(result.error?.description).toContain(`add the permission "${permission}"`);
		expect(trail(sb)).toEqual([request]);
	});

	it('Update with read but not write permission: the PUT\'s 403 names contacts:write', async () => {
		sb.state.setRolePermissions('Agent', [...sb.state.roles.find((role) => role.name === 'Agent')!.permissions, 'contacts:read']);
		const result = await run({ operation: 'update', contactId: '9', updateFields: { country: 'DE' } }, { key: 'agent' });
		expect(result.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "contacts:write")');
		expect(trail(sb)).toEqual(['GET /api/v1/contacts/9', 'PUT /api/v1/contacts/9']);
	});

	it('Delete Note: the read is skipped after its 403, and the DELETE\'s 403 names contact_notes:delete', async () => {
		const result = await run({ operation: 'deleteNote', contactId: '9', noteId: '1' }, { key: 'agent' });
		expect(result.error?.message).toBe('LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "contact_notes:delete")');
		expect(trail(sb)).toEqual(['GET /api/v1/contacts/9/notes', 'DELETE /api/v1/contacts/9/notes/1']);
	});

	it('with Continue On Fail, every item becomes an error item paired with its input', async () => {
		const result = await run({ operation: 'get', contactId: '={{ $json.id }}' }, { key: 'agent', continueOnFail: true, items: [{ id: 9 }, { id: 10 }] });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.error, item.pairedItem])).toEqual([
			['LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "contacts:read")', { item: 0 }],
			['LibreDesk refused this action (HTTP 403): Permission denied (needs the permission "contacts:read")', { item: 1 }],
		]);
	});
});
