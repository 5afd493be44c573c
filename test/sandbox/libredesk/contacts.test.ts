import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildMultipart, type LibreDeskSandbox, startLibreDeskSandbox, TINY_PNG } from './index.ts';
import { apiError, client, type Client } from './test-client.ts';

let sb: LibreDeskSandbox;
let api: Client;

beforeAll(async () => {
	sb = await startLibreDeskSandbox({ conversations: 10 });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const contactWith = (predicate: (u: LibreDeskSandbox['state']['users'][number]) => boolean) => sb.state.users.find(predicate) as LibreDeskSandbox['state']['users'][number];

function putMultipart(id: number, fields: Record<string, string>, file?: { value: Buffer; filename: string }) {
	const parts: Parameters<typeof buildMultipart>[0] = Object.entries(fields).map(([name, value]) => ({ name, value }));
	if (file) parts.push({ name: 'files', value: file.value, filename: file.filename, contentType: 'image/png' });
	const { body, contentType } = buildMultipart(parts);
	return api.put(`/api/v1/contacts/${id}`, undefined, { raw: body, headers: { 'content-type': contentType } });
}

describe('GET /api/v1/contacts (§8.1)', () => {
	it('lists contacts and visitors with an email, as compact users', async () => {
		const data = (await api.get('/api/v1/contacts?page_size=500&order_by=users.created_at&order=desc')).body.data;
		const withEmail = sb.state.users.filter((u) => (u.type === 'contact' || u.type === 'visitor') && u.email);
		expect(data.total).toBe(withEmail.length);
		expect(data.results.some((r: { type: string }) => r.type === 'visitor')).toBe(true);
		expect(data.results.some((r: { first_name: string }) => r.first_name === 'Phone')).toBe(false);
		expect(data.results.some((r: { type: string }) => r.type === 'agent')).toBe(false);
		expect(Object.keys(data.results[0])).toEqual(['id', 'type', 'first_name', 'last_name', 'email', 'enabled', 'avatar_url', 'external_user_id', 'availability_status', 'created_at', 'updated_at']);
	});

	it('seeds several contacts with the same first name', async () => {
		const emmas = sb.state.users.filter((u) => u.type === 'contact' && u.firstName === 'Emma');
		expect(emmas.length).toBeGreaterThan(1);
	});
});

describe('GET /api/v1/contacts/{id} (§8.2)', () => {
	it('returns the full user object with custom_attributes and meta null', async () => {
		const contact = contactWith((u) => u.type === 'contact' && Object.keys(u.customAttributes).length > 0);
		const data = (await api.get(`/api/v1/contacts/${contact.id}`)).body.data;
		expect(Object.keys(data)).toEqual([
			'id', 'created_at', 'updated_at', 'first_name', 'last_name', 'email', 'type', 'availability_status', 'phone_number_country_code', 'phone_number',
			'avatar_url', 'enabled', 'last_active_at', 'last_login_at', 'roles', 'permissions', 'country', 'meta', 'custom_attributes', 'external_user_id',
			'teams', 'api_key', 'api_key_last_used_at',
		]);
		expect(data).toMatchObject({ id: contact.id, custom_attributes: null, meta: null, roles: null, permissions: null, teams: [], api_key: null });
	});

	it('404 User not found for an agent id or an unknown id', async () => {
		for (const id of [2, 99999]) expect(await api.get(`/api/v1/contacts/${id}`)).toMatchObject(apiError(404, 'User not found', 'NotFoundException'));
	});
});

describe('PUT /api/v1/contacts/{id} (§8.3, multipart)', () => {
	it('overwrites every field: omitted optional fields are cleared, "null" clears too', async () => {
		const contact = contactWith((u) => u.type === 'contact' && u.phoneNumber !== null && u.country !== null && u.avatarUrl !== null);
		const reply = await putMultipart(contact.id, { first_name: 'Renamed', email: ` ${contact.email} `, phone_number: 'null' });
		expect(reply.status).toBe(200);
		expect(reply.body.data).toMatchObject({ first_name: 'Renamed', last_name: '', email: contact.email, phone_number: null, phone_number_country_code: null, country: null, avatar_url: null });
	});

	it('keeps the avatar only when its current value is sent; a files part sets a new one', async () => {
		const contact = contactWith((u) => u.type === 'contact' && u.avatarUrl !== null);
		const current = contact.avatarUrl as string;
		const kept = await putMultipart(contact.id, { first_name: 'A', email: contact.email as string, avatar_url: current, last_name: 'B', country: 'DE' });
		expect(kept.body.data).toMatchObject({ avatar_url: current, last_name: 'B', country: 'DE' });
		const uploaded = await putMultipart(contact.id, { first_name: 'A', email: contact.email as string }, { value: TINY_PNG, filename: 'Me.png' });
		expect(uploaded.body.data.avatar_url).toMatch(/^\/uploads\/.+-me\.png$/);
	});

	it('validates email then first_name; refuses another contact\'s email', async () => {
		const [a, b] = sb.state.users.filter((u) => u.type === 'contact' && u.email);
		expect(await putMultipart(a.id, { first_name: '' })).toMatchObject(apiError(400, 'email empty', 'InputException'));
		expect(await putMultipart(a.id, { first_name: '', email: 'not-an-email' })).toMatchObject(apiError(400, 'Invalid email address', 'InputException'));
		expect(await putMultipart(a.id, { email: 'fine@example.com' })).toMatchObject(apiError(400, 'first_name empty', 'InputException'));
		expect(await putMultipart(a.id, { first_name: 'X', email: (b.email as string).toUpperCase() })).toMatchObject(apiError(400, 'Another contact with same email already exists', 'InputException'));
	});

	it('a JSON body fails multipart parsing: 500 Error parsing request (GeneralException)', async () => {
		const contact = contactWith((u) => u.type === 'contact');
		expect(await api.put(`/api/v1/contacts/${contact.id}`, { first_name: 'X', email: 'x@example.com' })).toMatchObject(apiError(500, 'Error parsing request', 'GeneralException'));
		expect(sb.state.contact(contact.id)?.firstName).not.toBe('X');
	});

	it('agents have no contacts permissions by default', async () => {
		const contact = contactWith((u) => u.type === 'contact');
		expect((await api.get(`/api/v1/contacts/${contact.id}`, { as: 'agent' })).status).toBe(403);
	});
});

describe('block and notes (§8.4, §8.5)', () => {
	it('block with {"enabled": false}, unblock with true; a non-JSON body blocks', async () => {
		const contact = contactWith((u) => u.type === 'contact' && u.enabled);
		expect((await api.put(`/api/v1/contacts/${contact.id}/block`, { enabled: false })).body.data.enabled).toBe(false);
		expect((await api.put(`/api/v1/contacts/${contact.id}/block`, { enabled: true })).body.data.enabled).toBe(true);
		expect((await api.put(`/api/v1/contacts/${contact.id}/block`, undefined, { raw: 'enabled=true', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).body.data.enabled).toBe(false);
	});

	it('notes: create (author = key agent), list newest first, empty refused, unknown contact 500', async () => {
		const contact = contactWith((u) => u.type === 'contact');
		expect(await api.post(`/api/v1/contacts/${contact.id}/notes`, { note: '' })).toMatchObject(apiError(400, 'note empty', 'InputException'));
		expect((await api.post('/api/v1/contacts/999999/notes', { note: 'x' })).status).toBe(500);
		const first = (await api.post(`/api/v1/contacts/${contact.id}/notes`, { note: 'first' })).body.data;
		expect(Object.keys(first)).toEqual(['id', 'created_at', 'updated_at', 'contact_id', 'note', 'user_id', 'first_name', 'last_name', 'avatar_url']);
		expect(first).toMatchObject({ contact_id: contact.id, note: 'first', user_id: 2, first_name: 'Alice', last_name: 'Admin' });
		await api.post(`/api/v1/contacts/${contact.id}/notes`, { note: 'second' });
		expect((await api.get(`/api/v1/contacts/${contact.id}/notes`)).body.data.map((n: { note: string }) => n.note)).toEqual(['second', 'first']);
		expect((await api.get('/api/v1/contacts/999999/notes')).body.data).toEqual([]);
	});

	it('non-admins delete only their own notes; admins get true even for unknown ids', async () => {
		sb.state.setRolePermissions('Agent', ['contact_notes:read', 'contact_notes:write', 'contact_notes:delete']);
		const contact = contactWith((u) => u.type === 'contact');
		const admins = (await api.post(`/api/v1/contacts/${contact.id}/notes`, { note: 'by admin' })).body.data;
		const own = (await api.post(`/api/v1/contacts/${contact.id}/notes`, { note: 'by agent' }, { as: 'agent' })).body.data;
		expect(await api.del(`/api/v1/contacts/${contact.id}/notes/${admins.id}`, { as: 'agent' })).toMatchObject(apiError(403, 'You can only delete your own note', 'InputException'));
		expect(await api.del(`/api/v1/contacts/${contact.id}/notes/424242`, { as: 'agent' })).toMatchObject(apiError(500, 'Something went wrong', 'GeneralException'));
		expect((await api.del(`/api/v1/contacts/${contact.id}/notes/${own.id}`, { as: 'agent' })).body.data).toBe(true);
		expect((await api.del(`/api/v1/contacts/${contact.id}/notes/424242`)).body.data).toBe(true);
		expect((await api.del(`/api/v1/contacts/${contact.id}/notes/${admins.id}`)).body.data).toBe(true);
		expect((await api.get(`/api/v1/contacts/${contact.id}/notes`)).body.data).toEqual([]);
	});
});
