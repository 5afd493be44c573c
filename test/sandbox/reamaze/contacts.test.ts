import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './index.ts';
import { client, newConversation } from './test-client.ts';

let sb: Sandbox;
let api: ReturnType<typeof client>;

beforeAll(async () => {
	sb = await startSandbox({ seed: false });
	api = client(sb);
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

const names = (reply: { body: { contacts: { name: string }[] } }) => reply.body.contacts.map((c) => c.name);

describe('POST /contacts (§2.6)', () => {
	it('creates a contact with notes, one per item, credited to the caller', async () => {
		const reply = await api.post('/contacts', {
			contact: { name: 'Ann Lee', email: 'ann@example.com', mobile: '+12223334444', id: 'crm-1', external_avatar_url: 'https://img.example.com/a.png', data: { plan: 'pro' }, notes: ['first', 'second'] },
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ name: 'Ann Lee', email: 'ann@example.com', mobile: '+12223334444', id: 'crm-1', data: { plan: 'pro' } });
		expect(reply.body._id).toEqual(expect.any(Number));
		expect(reply.body.notes.map((n: { note: string }) => n.note)).toEqual(['first', 'second']);
		expect(sb.state.findContact('ann@example.com')?.notes.map((n) => n.creatorId)).toEqual([sb.state.staff[0].id, sb.state.staff[0].id]);
	});

	it('accepts a mobile-only contact', async () => {
		expect((await api.post('/contacts', { contact: { name: 'Sms', mobile: '+447700900123' } })).body).toMatchObject({ email: null, mobile: '+447700900123' });
	});

	const fieldErrors: [string, Record<string, unknown>, Record<string, string[]>][] = [
		['neither email nor mobile', { name: 'x' }, { email: ["can't be blank when mobile is blank"] }],
		['a mobile that is not E.164', { mobile: '222 333 4444' }, { mobile: ['must be in E.164 format with no spaces, e.g. +12223334444'] }],
		['an invalid email', { email: 'nope' }, { email: ['is not a valid email address'] }],
		['nested data', { email: 'a@b.co', data: { address: { city: 'x' } } }, { data: ['can only be one level deep'] }],
		['notes that are not strings', { email: 'a@b.co', notes: [1] }, { notes: ['must be an array of strings'] }],
		['a relative avatar URL', { email: 'a@b.co', external_avatar_url: '/a.png' }, { external_avatar_url: ['must be an absolute URL'] }],
	];
	it.each(fieldErrors)('answers 422 {errors} for %s', async (_name, contact, errors) => {
		expect(await api.post('/contacts', { contact })).toMatchObject({ status: 422, body: { errors } });
		expect(sb.state.contacts).toHaveLength(0);
	});

	it('answers 422 when the email or mobile is taken', async () => {
		await api.post('/contacts', { contact: { email: 'ann@example.com', mobile: '+12223334444' } });
		expect((await api.post('/contacts', { contact: { email: 'ANN@example.com' } })).body).toEqual({ errors: { email: ['has already been taken'] } });
		expect((await api.post('/contacts', { contact: { mobile: '+12223334444' } })).body).toEqual({ errors: { mobile: ['has already been taken'] } });
	});
});

describe('GET and PUT /contacts/{identifier}', () => {
	beforeEach(async () => {
		await api.post('/contacts', { contact: { name: 'Ann', email: 'ann@example.com', mobile: '+12223334444', data: { a: '1', b: '2' } } });
	});

	it('finds by email (default) or by identifier_type', async () => {
		expect((await api.get('/contacts/ann@example.com')).body.name).toBe('Ann');
		expect((await api.get(`/contacts/${encodeURIComponent('+12223334444')}?identifier_type=mobile`)).body.name).toBe('Ann');
		expect((await api.get('/contacts/%2B12223334444')).status).toBe(404);
		expect((await api.get('/contacts/ann@example.com?identifier_type=fax')).status).toBe(422);
		expect((await api.get('/contacts/nobody@example.com')).status).toBe(404);
	});

	it('changes only name, friendly_name, external_avatar_url and data; notes add notes', async () => {
		await api.post('/contacts/ann@example.com/notes', { body: 'existing' });
		const reply = await api.put('/contacts/ann@example.com', {
			contact: { name: 'Ann B', friendly_name: 'Annie', email: 'changed@example.com', mobile: '+19998887777', data: { c: '3' }, notes: ['added'] },
		});
		expect(reply.status).toBe(200);
		expect(reply.body).toMatchObject({ name: 'Ann B', friendly_name: 'Annie', email: 'ann@example.com', mobile: '+12223334444', data: { c: '3' } });
		expect(reply.body.notes.map((n: { note: string }) => n.note)).toEqual(['existing', 'added']);
	});

	it('answers 422 for nested data and 404 for an unknown contact', async () => {
		expect((await api.put('/contacts/ann@example.com', { contact: { data: { x: { y: 1 } } } })).status).toBe(422);
		expect((await api.put('/contacts/nobody@example.com', { contact: { name: 'x' } })).status).toBe(404);
	});
});

describe('GET /contacts', () => {
	beforeEach(async () => {
		for (const contact of [
			{ name: 'Carol', email: 'carol@example.com', data: { plan: 'pro' } },
			{ name: 'alice', mobile: '+15550000001', data: { plan: 'free' } },
			{ name: 'Bob', email: 'bobby@corp.example', mobile: '+15550000002' },
		]) await api.post('/contacts', { contact });
	});

	it('orders by name by default, newest first with sort=date', async () => {
		expect(names(await api.get('/contacts'))).toEqual(['alice', 'Bob', 'Carol']);
		expect(names(await api.get('/contacts?sort=date'))).toEqual(['Bob', 'alice', 'Carol']);
	});

	it('filters with q (name or email, loosely), type and data', async () => {
		expect(names(await api.get('/contacts?q=CORP'))).toEqual(['Bob']);
		expect(names(await api.get('/contacts?q=car'))).toEqual(['Carol']);
		expect(names(await api.get('/contacts?type=mobile'))).toEqual(['alice', 'Bob']);
		expect(names(await api.get('/contacts?type=email'))).toEqual(['Bob', 'Carol']);
		expect(names(await api.get('/contacts?data[plan]=free'))).toEqual(['alice']);
	});

	it('is account-wide: the same contacts answer under every brand', async () => {
		expect(names(await api.get('/contacts', { base: `${sb.url}/acme-eu/api/v1` }))).toEqual(['alice', 'Bob', 'Carol']);
	});
});

describe('identities (§2.6, §6.13)', () => {
	beforeEach(async () => {
		await api.post('/contacts', { contact: { name: 'Ann', email: 'ann@example.com' } });
		await api.post('/contacts', { contact: { name: 'Other', email: 'other@example.com', mobile: '+15551112222' } });
	});

	it('lists and adds identities', async () => {
		const added = await api.post('/contacts/ann@example.com/identities', { identity: { type: 'instagram', identifier: 'ann_ig' } });
		expect(added.body).toEqual({ type: 'instagram', identifier: 'ann_ig' });
		expect((await api.get('/contacts/ann@example.com/identities')).body).toEqual({
			identities: [
				{ type: 'email', identifier: 'ann@example.com' },
				{ type: 'instagram', identifier: 'ann_ig' },
			],
		});
		expect((await api.get('/contacts/ann_ig?identifier_type=instagram')).body.name).toBe('Ann');
	});

	it('moves an identity owned by another contact, with the conversations written from it', async () => {
		const slug = (await api.post('/conversations', newConversation({ user: { email: 'other@example.com' } }))).body.slug;
		const reply = await api.post('/contacts/ann@example.com/identities', { identity: { type: 'email', identifier: 'other@example.com' } });
		expect(reply.status).toBe(200);
		expect(sb.state.findContact('other@example.com')?.name).toBe('Ann');
		expect(sb.state.findContact('+15551112222', 'mobile')?.identities).toEqual([{ type: 'mobile', identifier: '+15551112222' }]);
		expect((await api.get(`/conversations/${slug}`)).body.author.name).toBe('Ann');
	});

	it('absorbs a contact left without identities', async () => {
		await api.post('/contacts', { contact: { name: 'Solo', email: 'solo@example.com', data: { from: 'solo', shared: 'old' } } });
		await api.put('/contacts/ann@example.com', { contact: { data: { shared: 'ann' } } });
		await api.post('/contacts/ann@example.com/identities', { identity: { type: 'email', identifier: 'solo@example.com' } });
		expect(sb.state.contacts.map((c) => c.name).sort()).toEqual(['Ann', 'Other']);
		expect(sb.state.findContact('ann@example.com')?.data).toEqual({ from: 'solo', shared: 'ann' });
	});

	it('answers 422 for facebook, unknown types and malformed identifiers', async () => {
		for (const identity of [
			{ type: 'facebook', identifier: 'x' },
			{ type: 'email', identifier: 'not-an-email' },
			{ type: 'mobile', identifier: '555-1234' },
			{ type: 'twitter' },
		]) expect((await api.post('/contacts/ann@example.com/identities', { identity })).status).toBe(422);
		expect(sb.state.findContact('ann@example.com')?.identities).toHaveLength(1);
	});
});

describe('contact notes (§2.6, §6.14)', () => {
	beforeEach(async () => {
		await api.post('/contacts', { contact: { name: 'Ann', email: 'ann@example.com' } });
	});
	const notes = () => api.get('/contacts/ann@example.com/notes');

	it('POST takes a flat body and answers all of the contact’s notes', async () => {
		const one = await api.post('/contacts/ann@example.com/notes', { body: 'first' });
		expect(one.status).toBe(200);
		expect(one.body).toHaveLength(1);
		const two = await api.post('/contacts/ann@example.com/notes', { body: 'second', creator_email: 'sam@acme.test', created_at: '2030-01-01T00:00:00Z' });
		expect(two.body.map((n: { note: string }) => n.note)).toEqual(['first', 'second']);
		expect(two.body[1]).toMatchObject({ creator: { email: 'sam@acme.test', name: 'Sam Rivera' }, created_at: '2030-01-01T00:00:00.000+00:00' });
		expect(two.body[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect((await notes()).body).toEqual(two.body);
	});

	it('PUT edits one note and DELETE removes it, each answering that note', async () => {
		const [note] = (await api.post('/contacts/ann@example.com/notes', { body: 'draft' })).body;
		const edited = await api.put(`/contacts/ann@example.com/notes/${note.id}`, { body: 'final' });
		expect(edited.body).toMatchObject({ id: note.id, note: 'final' });
		const removed = await api.del(`/contacts/ann@example.com/notes/${note.id}`);
		expect(removed.body).toMatchObject({ id: note.id, note: 'final' });
		expect((await notes()).body).toEqual([]);
		expect((await api.del(`/contacts/ann@example.com/notes/${note.id}`)).status).toBe(404);
	});

	it('answers 422 for a missing body, unknown creator or bad date, and 404 for an unknown contact', async () => {
		expect((await api.post('/contacts/ann@example.com/notes', { note: { body: 'wrapped' } })).body).toEqual({ errors: { body: ["can't be blank"] } });
		expect((await api.post('/contacts/ann@example.com/notes', { body: 'x', creator_email: 'bob@example.com' })).body).toEqual({ error: 'Staff user not found: bob@example.com' });
		expect((await api.post('/contacts/ann@example.com/notes', { body: 'x', created_at: 'soon' })).status).toBe(422);
		expect((await api.post('/contacts/nobody@example.com/notes', { body: 'x' })).status).toBe(404);
		expect((await notes()).body).toEqual([]);
	});
});
